using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using SpotifyDashboard.Enrichment.Options;
using SpotifyDashboard.Enrichment.Telemetry;
using SpotifyDashboard.Core.Configuration;

namespace SpotifyDashboard.Enrichment.Providers;

/// <summary>
/// One resilience pipeline per provider: total timeout → retry (≤ 5, exponential with jitter,
/// honouring Retry-After) → circuit breaker → rate limiter → per-attempt timeout.
/// </summary>
public static class ProviderPipeline
{
    /// <summary>
    /// Replaces the standard handler that the service defaults add to every client
    /// (<c>ConfigureHttpClientDefaults(h => h.AddStandardResilienceHandler())</c>): stacked, its
    /// 3 retries would multiply ours and its breaker would hide our provider states.
    /// </summary>
    public static IHttpClientBuilder AddProviderPipeline(
        this IHttpClientBuilder builder,
        string provider,
        Func<IServiceProvider, ProviderLimits> limitsOf)
    {
        // Experimental in Http.Resilience 10.x (EXTEXP0001), but the documented way to replace the defaults' handler.
#pragma warning disable EXTEXP0001
        builder.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        builder.AddHttpMessageHandler(sp => ActivatorUtilities.CreateInstance<ProviderGateHandler>(sp, provider));
        builder.AddResilienceHandler(provider, (pipeline, context) =>
        {
            var services = context.ServiceProvider;
            var limits = limitsOf(services);
            var maxRetryAfter = services.GetRequiredService<IOptions<EnrichmentOptions>>().Value.MaxRetryAfter;
            var registry = services.GetRequiredService<ProviderStatusRegistry>();
            var telemetry = services.GetRequiredService<EnrichmentTelemetry>();
            var time = services.GetRequiredService<TimeProvider>();

            pipeline.AddTimeout(limits.TotalTimeout);
            if (limits.MaxRetries > 0)
            {
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = limits.MaxRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = limits.RetryBaseDelay,
                    ShouldRetryAfterHeader = true,
                    ShouldHandle = args => ValueTask.FromResult(IsTransientFailure(args.Outcome, maxRetryAfter, time)),
                    OnRetry = _ => Done(() => telemetry.Retry(provider)),
                });
            }

            pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                // Every call in the window failed and there were at least N of them: N failures in a row within the window.
                FailureRatio = 1.0,
                MinimumThroughput = limits.FailuresToBreak,
                SamplingDuration = limits.SamplingDuration,
                BreakDuration = limits.BreakDuration,
                ShouldHandle = args => ValueTask.FromResult(IsTransientFailure(args.Outcome, maxRetryAfter, time)),
                OnOpened = args => Done(() =>
                {
                    registry.BreakerOpened(provider, time.GetUtcNow() + args.BreakDuration, Describe(args.Outcome));
                    telemetry.BreakerMoved(provider, "open");
                }),
                OnHalfOpened = _ => Done(() => telemetry.BreakerMoved(provider, "half-open")),
                OnClosed = _ => Done(() =>
                {
                    registry.BreakerClosed(provider);
                    telemetry.BreakerMoved(provider, "closed");
                }),
            });

            pipeline.AddRateLimiter(CreateLimiter(limits));
            pipeline.AddTimeout(limits.AttemptTimeout);
        });
        builder.AddHttpMessageHandler(sp => ActivatorUtilities.CreateInstance<ProviderAttemptHandler>(sp, provider));
        return builder;
    }

    /// <summary>
    /// Worth another attempt: network errors, timeouts, 408, 429 and 5xx, except a 429/503 whose
    /// Retry-After is beyond the limit (that becomes a cool-down instead of a held request).
    /// </summary>
    public static bool IsTransientFailure(Outcome<HttpResponseMessage> outcome, TimeSpan maxRetryAfter, TimeProvider time) =>
        !(outcome.Result is { } response && ProviderGateHandler.RetryAfterOf(response, time.GetUtcNow()) > maxRetryAfter)
        && (HttpClientResiliencePredicates.IsTransient(outcome) || outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests);

    private static ValueTask Done(Action action)
    {
        action();
        return ValueTask.CompletedTask;
    }

    private static TokenBucketRateLimiter CreateLimiter(ProviderLimits limits)
    {
        // Refill in tenths of a second, so the rate is smooth rather than one burst per second.
        var period = limits.RequestsPerSecond >= 10 ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromSeconds(1 / limits.RequestsPerSecond);
        var tokensPerPeriod = Math.Max(1, (int)Math.Round(limits.RequestsPerSecond * period.TotalSeconds));
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = limits.Burst,
            TokensPerPeriod = tokensPerPeriod,
            ReplenishmentPeriod = period,
            QueueLimit = 100_000,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }

    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is { } e ? e.GetType().Name : $"HTTP {(int)(outcome.Result?.StatusCode ?? 0)}";
}
