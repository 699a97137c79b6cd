using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Timeout;
using SpotifyDashboard.Enrichment.Options;
using SpotifyDashboard.Enrichment.Telemetry;

namespace SpotifyDashboard.Enrichment.Providers;

/// <summary>
/// Outermost handler of a provider's client. Refuses to call during a cool-down, turns a
/// <c>Retry-After</c> longer than <c>Enrichment:MaxRetryAfter</c> into a cool-down, and turns the
/// resilience pipeline's refusals (open breaker, timeouts, throttling) into one exception type
/// that leaves the songs pending.
/// </summary>
public sealed class ProviderGateHandler(
    string provider,
    ProviderStatusRegistry registry,
    IOptionsMonitor<EnrichmentOptions> options,
    EnrichmentTelemetry telemetry,
    TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (registry.IsCoolingDown(provider, out var until))
        {
            throw new ProviderUnavailableException(provider, $"{provider} is in cool-down until {until:u}");
        }

        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        catch (BrokenCircuitException e)
        {
            throw Failed("breaker-open", $"{provider} is failing; its circuit breaker is open", e);
        }
        catch (TimeoutRejectedException e)
        {
            throw Failed("timeout", $"{provider} did not answer in time", e);
        }
        catch (RateLimiterRejectedException e)
        {
            throw Failed("throttled", $"{provider} request queue is full", e);
        }
        catch (HttpRequestException e)
        {
            throw Failed("network", $"{provider} could not be reached: {e.Message}", e);
        }

        var retryAfter = RetryAfterOf(response, time.GetUtcNow());
        if (retryAfter > options.CurrentValue.MaxRetryAfter)
        {
            var coolDownUntil = time.GetUtcNow() + retryAfter.Value;
            registry.EnterCoolDown(provider, coolDownUntil, $"{(int)response.StatusCode} with Retry-After {retryAfter.Value.TotalSeconds:0} s");
            telemetry.CoolDown(provider);
            response.Dispose();
            throw new ProviderUnavailableException(provider, $"{provider} is in cool-down until {coolDownUntil:u}");
        }

        if (response.IsSuccessStatusCode)
        {
            registry.Succeeded(provider);
        }

        return response;
    }

    /// <summary>The wait the server asked for, from seconds or a date; null when it asked for none.</summary>
    public static TimeSpan? RetryAfterOf(HttpResponseMessage response, DateTimeOffset now)
    {
        if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
            || response.Headers.RetryAfter is not { } header)
        {
            return null;
        }

        return header.Delta ?? (header.Date is { } date ? date - now : null);
    }

    private ProviderUnavailableException Failed(string kind, string message, Exception inner)
    {
        telemetry.Error(provider, kind);
        registry.RecordError(provider, message);
        return new ProviderUnavailableException(provider, message, inner);
    }
}
