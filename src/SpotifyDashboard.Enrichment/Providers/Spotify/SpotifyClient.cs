using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using SpotifyDashboard.Core.Music;
using SpotifyDashboard.Enrichment.Lookup;
using SpotifyDashboard.Enrichment.Options;
using SpotifyDashboard.Enrichment.Telemetry;
using SpotifyDashboard.Core.Configuration;

namespace SpotifyDashboard.Enrichment.Providers.Spotify;

/// <summary>
/// The Spotify Web API calls enrichment needs: search, one track by id (overrides) and, for
/// legacy apps only, audio features. A singleton over named clients from the factory, so the
/// handlers still rotate and the token cache is shared.
/// </summary>
public sealed class SpotifyClient(
    IHttpClientFactory httpClients,
    SpotifyTokenSource tokens,
    IOptionsMonitor<SpotifyOptions> options,
    ProviderStatusRegistry registry,
    EnrichmentTelemetry telemetry,
    TimeProvider time)
{
    /// <summary>How long a 403 on <c>/audio-features</c> stops us asking again.</summary>
    public static readonly TimeSpan AudioFeaturesProbeInterval = TimeSpan.FromHours(24);

    private int _forbiddenInARow;

    public bool HasCredentials => options.CurrentValue.HasCredentials;

    /// <summary>Tracks for a search query, in Spotify's relevance order.</summary>
    /// <exception cref="SongRefusedException">Spotify refuses this query (e.g. 400); asking again would not help.</exception>
    public async Task<IReadOnlyList<Track>> SearchTracksAsync(string query, CancellationToken cancellationToken)
    {
        var limit = Math.Clamp(options.CurrentValue.SearchLimit, 1, 10);
        var path = $"search?q={Uri.EscapeDataString(query)}&type=track&limit={limit}";
        using var response = await SendAsync(ProviderNames.Spotify, path, cancellationToken);
        EnsureSuccess(ProviderNames.Spotify, response);
        var body = await ReadAsync<SpotifySearchResponse>(ProviderNames.Spotify, response, cancellationToken);
        return [.. (body?.Tracks?.Items ?? []).Select(t => t?.ToTrack()).OfType<Track>()];
    }

    /// <summary>One track by id, or null when Spotify has none with that id.</summary>
    public async Task<Track?> GetTrackAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(ProviderNames.Spotify, $"tracks/{Uri.EscapeDataString(id)}", cancellationToken);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest)
        {
            return null;
        }

        EnsureSuccess(ProviderNames.Spotify, response);
        return (await ReadAsync<SpotifyTrack>(ProviderNames.Spotify, response, cancellationToken))?.ToTrack();
    }

    /// <summary>
    /// Spotify's own features by track id, or null when this app may not use the endpoint
    /// (403 for apps created after November 2024): then we stop asking for a day.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, AudioFeatures>?> GetAudioFeaturesAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        // While the app is refused, ReccoBeats' features still come; the searches probe whether Spotify answers again.
        if (registry.IsUnavailable(ProviderNames.SpotifyAudioFeatures) || registry.IsRefused(ProviderNames.Spotify))
        {
            return null;
        }

        using var response = await SendAsync(ProviderNames.SpotifyAudioFeatures, $"audio-features?ids={string.Join(',', ids.Select(Uri.EscapeDataString))}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.Forbidden)
        {
            registry.Unavailable(ProviderNames.SpotifyAudioFeatures, "403: this Spotify app may not use /audio-features", time.GetUtcNow() + AudioFeaturesProbeInterval);
            return null;
        }

        EnsureSuccess(ProviderNames.SpotifyAudioFeatures, response);
        var body = await ReadAsync<SpotifyAudioFeaturesResponse>(ProviderNames.SpotifyAudioFeatures, response, cancellationToken);
        return (body?.AudioFeatures ?? [])
            .Where(f => !string.IsNullOrEmpty(f?.Id))
            .DistinctBy(f => f!.Id)
            .ToDictionary(f => f!.Id!, f => f!.ToFeatures());
    }

    /// <summary>
    /// Sends with the current token; on 401 fetches a new token and tries exactly once more. While Spotify refuses the
    /// app as a whole, nothing is sent but one probe per <c>Spotify:RefusedProbeInterval</c>.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(string provider, string path, CancellationToken cancellationToken)
    {
        if (!registry.TryClaimCall(ProviderNames.Spotify, options.CurrentValue.RefusedProbeInterval, out var refused))
        {
            throw new ProviderUnavailableException(ProviderNames.Spotify, EnrichmentReasons.AppRefused(refused.LastError, refused.Until));
        }

        var client = httpClients.CreateClient(provider);
        var token = await tokens.GetAsync(cancellationToken);
        var response = await client.SendAsync(Get(path, token), cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            response.Dispose();
            tokens.Invalidate(token);
            token = await tokens.GetAsync(cancellationToken);
            response = await client.SendAsync(Get(path, token), cancellationToken);
        }

        if (response.StatusCode == HttpStatusCode.Forbidden)
        {
            await OnForbiddenAsync(provider, response, cancellationToken);
        }
        else if (response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests) && (int)response.StatusCode < 500)
        {
            // Spotify answered the request itself: whatever refused the app is over.
            Interlocked.Exchange(ref _forbiddenInARow, 0);
            registry.Succeeded(ProviderNames.Spotify);
        }

        return response;
    }

    /// <summary>
    /// A 403 refuses the whole app when Spotify says so (the owner's Premium has lapsed) or when it is the
    /// <see cref="SpotifyRefusal.AppWideAfter"/>th in a row: then the provider is refused and waits for a probe. Otherwise it
    /// refuses this request only: the song stays pending with Spotify's message (an <c>/audio-features</c> 403 is left to
    /// its caller).
    /// </summary>
    private async Task OnForbiddenAsync(string provider, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var message = await SpotifyRefusal.MessageOfAsync(response, cancellationToken);
        var inARow = provider == ProviderNames.Spotify ? Interlocked.Increment(ref _forbiddenInARow) : 0;
        telemetry.Error(provider, "http-403");
        if (SpotifyRefusal.IsAppWide(message) || inARow >= SpotifyRefusal.AppWideAfter)
        {
            response.Dispose();
            var reason = SpotifyRefusal.IsAppWide(message) ? message : $"{SpotifyRefusal.EveryCallRefused} ({Quoted(message)})";
            var nextProbe = time.GetUtcNow() + options.CurrentValue.RefusedProbeInterval;
            registry.Refused(ProviderNames.Spotify, reason, nextProbe);
            throw new ProviderUnavailableException(ProviderNames.Spotify, EnrichmentReasons.AppRefused(reason, nextProbe));
        }

        if (provider == ProviderNames.Spotify)
        {
            response.Dispose();
            var refusal = $"Spotify refused this request (403: {Quoted(message)})";
            registry.RecordError(ProviderNames.Spotify, refusal);
            throw new ProviderUnavailableException(ProviderNames.Spotify, refusal);
        }
    }

    private static string Quoted(string message) => message.Length == 0 ? "no message" : $"\"{message}\"";

    private static HttpRequestMessage Get(string path, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private void EnsureSuccess(string provider, HttpResponseMessage response)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var status = (int)response.StatusCode;
        if (SongRefusedException.IsRefusal(response.StatusCode))
        {
            // The provider is fine; it refuses this one request, and will again next tick.
            telemetry.Error(provider, $"http-{status}");
            throw new SongRefusedException(provider, response.StatusCode, EnrichmentReasons.Refused(provider, status, response.ReasonPhrase));
        }

        throw UpstreamJson.Failure(provider, $"http-{status}", $"{provider} answered {status}", registry, telemetry);
    }

    private Task<T?> ReadAsync<T>(string provider, HttpResponseMessage response, CancellationToken cancellationToken) =>
        UpstreamJson.ReadAsync<T>(response, provider, registry, telemetry, cancellationToken);
}
