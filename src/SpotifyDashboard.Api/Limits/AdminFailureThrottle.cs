using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace SpotifyDashboard.Api.Limits;

/// <summary>
/// Guessing the admin key costs: every 401/403 counts against the client's address, and once it has used up
/// <c>RateLimits:AdminFailuresPerMinute</c> the address gets 429 for the rest of the minute, right or wrong key.
/// Works for any endpoint that answers a bad key with 401 or 403, without that endpoint knowing.
/// </summary>
public sealed class AdminFailureThrottle : IMiddleware, IDisposable
{
    private readonly PartitionedRateLimiter<string> _failures;
    private readonly ClientAddress _clients;
    private readonly ApiTelemetry _telemetry;
    private readonly int _perMinute;

    public AdminFailureThrottle(IOptions<AnonymousLimitsOptions> options, ClientAddress clients, ApiTelemetry telemetry)
    {
        _clients = clients;
        _telemetry = telemetry;
        _perMinute = options.Value.AdminFailuresPerMinute;
        _failures = PartitionedRateLimiter.Create<string, string>(address =>
            RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = _perMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            }));
    }

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var address = _clients.Of(context);
        // Zero permits: asks whether any failure is left without spending one.
        using (var probe = _failures.AttemptAcquire(address, 0))
        {
            if (!probe.IsAcquired)
            {
                TimeSpan? retryAfter = probe.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : null;
                _telemetry.Rejected("admin-failures");
                await LimitProblems.WriteAsync(
                    context,
                    StatusCodes.Status429TooManyRequests,
                    LimitProblems.TooManyRequests,
                    $"Too many failed admin-key attempts from this address (at most {_perMinute} a minute). {LimitProblems.TryAgainIn(retryAfter)}",
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
