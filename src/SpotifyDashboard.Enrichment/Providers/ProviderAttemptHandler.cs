using SpotifyDashboard.Enrichment.Telemetry;

namespace SpotifyDashboard.Enrichment.Providers;

/// <summary>Innermost handler: counts every attempt that really went upstream, by status code.</summary>
public sealed class ProviderAttemptHandler(string provider, EnrichmentTelemetry telemetry) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            telemetry.Request(provider, (int)response.StatusCode);
            return response;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            telemetry.Request(provider, 0);
            throw;
        }
    }
}
