using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SpotifyDashboard.Core.Music;
using SpotifyDashboard.Enrichment.Lookup;
using SpotifyDashboard.Enrichment.Options;
using SpotifyDashboard.Enrichment.Telemetry;

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
        if (registry.IsUnavailable(ProviderNames.SpotifyAudioFeatures))
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

    /// <summary>Sends with the current token; on 401 fetches a new token and tries exactly once more.</summary>
    private async Task<HttpResponseMessage> SendAsync(string provider, string path, CancellationToken cancellationToken)
    {
        var client = httpClients.CreateClient(provider);
        var token = await tokens.GetAsync(cancellationToken);
        var response = await client.SendAsync(Get(path, token), cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        response.Dispose();
        tokens.Invalidate(token);
        token = await tokens.GetAsync(cancellationToken);
        return await client.SendAsync(Get(path, token), cancellationToken);
    }

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

        var message = $"{provider} answered {(int)response.StatusCode}";
        telemetry.Error(provider, $"http-{(int)response.StatusCode}");
        if (SongRefusedException.IsRefusal(response.StatusCode))
        {
            // The provider is fine; it refuses this one request, and will again next tick.
            throw new SongRefusedException(provider, response.StatusCode, EnrichmentReasons.Refused(provider, (int)response.StatusCode, response.ReasonPhrase));
        }

        registry.RecordError(provider, message);
        throw new ProviderUnavailableException(provider, message);
    }

    private async Task<T?> ReadAsync<T>(string provider, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(UpstreamJson.Options, cancellationToken);
        }
        catch (JsonException e)
        {
            telemetry.Error(provider, "malformed-json");
            registry.RecordError(provider, $"{provider} sent malformed JSON");
            throw new ProviderUnavailableException(provider, $"{provider} sent malformed JSON", e);
        }
    }
}
