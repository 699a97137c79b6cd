using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SpotifyDashboard.Enrichment.Lookup;
using SpotifyDashboard.Enrichment.Options;
using SpotifyDashboard.Enrichment.Telemetry;
using SpotifyDashboard.Core.Configuration;

namespace SpotifyDashboard.Enrichment.Providers.Spotify;

/// <summary>
/// Client-credentials access token, fetched once and reused until shortly before it expires.
/// Spotify's answer to a 401 is a fresh token, which <see cref="Invalidate"/> forces.
/// </summary>
public sealed class SpotifyTokenSource(
    IHttpClientFactory httpClients,
    IOptionsMonitor<SpotifyOptions> options,
    ProviderStatusRegistry registry,
    EnrichmentTelemetry telemetry,
    TimeProvider time) : IDisposable
{
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromSeconds(60);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;
    private DateTimeOffset _expiresAt;

    public async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        if (Current() is { } token)
        {
            return token;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            return Current() ?? await FetchAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Drops the token if it is still the one that was rejected.</summary>
    public void Invalidate(string rejected) => Interlocked.CompareExchange(ref _token, null, rejected);

    public void Dispose() => _gate.Dispose();

    private string? Current() => _token is { } token && time.GetUtcNow() < _expiresAt ? token : null;

    private async Task<string> FetchAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (!settings.HasCredentials)
        {
            throw new ProviderUnavailableException(ProviderNames.Spotify, EnrichmentReasons.NoCredentials);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "api/token")
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.ClientId}:{settings.ClientSecret}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);

        var client = httpClients.CreateClient(ProviderNames.SpotifyAccounts);
        using var response = await client.SendAsync(request, cancellationToken);
        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            // The app itself is refused (wrong credentials, or an app Spotify no longer serves): no call can succeed, so
            // calls wait for a probe as they do when every Web API call is refused.
            var message = await SpotifyRefusal.MessageOfAsync(response, cancellationToken);
            var reason = SpotifyRefusal.IsAppWide(message)
                ? message
                : $"Spotify rejected the client credentials ({(int)response.StatusCode}{(message.Length == 0 ? "" : ": " + message)})";
            var nextProbe = time.GetUtcNow() + settings.RefusedProbeInterval;
            registry.Refused(ProviderNames.Spotify, reason, nextProbe);
            throw new ProviderUnavailableException(ProviderNames.Spotify, EnrichmentReasons.AppRefused(reason, nextProbe));
        }

        if (!response.IsSuccessStatusCode)
        {
            registry.RecordError(ProviderNames.Spotify, $"token request answered {(int)response.StatusCode}");
            throw new ProviderUnavailableException(ProviderNames.Spotify, $"Spotify accounts answered {(int)response.StatusCode}");
        }

        SpotifyTokenResponse? body;
        try
        {
            body = await response.Content.ReadFromJsonAsync<SpotifyTokenResponse>(UpstreamJson.Options, cancellationToken);
        }
        catch (JsonException e)
        {
            telemetry.Error(ProviderNames.SpotifyAccounts, "malformed-json");
            throw new ProviderUnavailableException(ProviderNames.Spotify, "Spotify accounts sent malformed JSON", e);
        }

        if (string.IsNullOrEmpty(body?.AccessToken))
        {
            throw new ProviderUnavailableException(ProviderNames.Spotify, "Spotify accounts sent no access token");
        }

        _expiresAt = time.GetUtcNow() + TimeSpan.FromSeconds(Math.Max(body.ExpiresIn, 120)) - ExpiryMargin;
        _token = body.AccessToken;
        return body.AccessToken;
    }
}
