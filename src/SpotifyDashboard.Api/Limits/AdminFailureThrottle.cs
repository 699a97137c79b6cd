using System.Threading.RateLimiting;

namespace SpotifyDashboard.Api.Limits;

/// <summary>
/// Guessing the admin key costs: every 401/403 counts against the client's address, and once it has used up
/// <c>RateLimits:AdminFailuresPerMinute</c> the address gets 429 for the rest of the minute, right or wrong key.
/// Works for any endpoint that answers a bad key with 401 or 403, without that endpoint knowing.
/// </summary>
public sealed class AdminFailureThrottle(IOptions<AnonymousLimitsOptions> options, ClientAddress clients, ApiTelemetry telemetry) : IMiddleware, IDisposable
{
    private readonly PartitionedRateLimiter<string> _failures = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.AdminFailuresPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var address = clients.Of(context);
        // Zero permits: asks whether any failure is left without spending one.
        using (var probe = _failures.AttemptAcquire(address, 0))
        {
            if (!probe.IsAcquired)
            {
                TimeSpan? retryAfter = probe.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : null;
                telemetry.Rejected("admin-failures");
                await LimitProblems.WriteAsync(
                    context,
                    StatusCodes.Status429TooManyRequests,
                    LimitProblems.TooManyRequests,
                    $"Too many failed admin-key attempts from this address (at most {options.Value.AdminFailuresPerMinute} a minute). {LimitProblems.TryAgainIn(retryAfter)}",
                    retryAfter);
                return;
            }
        }

        await next(context);

        if (context.Response.StatusCode is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden)
        {
            using var _ = _failures.AttemptAcquire(address);
        }
    }

    public void Dispose() => _failures.Dispose();
}
