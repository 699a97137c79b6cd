using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using SpotifyDashboard.Web.Spotify;

namespace SpotifyDashboard.Web.Security;

/// <summary>
/// The web's own limits per address, before anything reaches the api: starts of the Spotify sign-in (each keeps a pending
/// sign-in in the cache for 10 minutes) and open circuits (each holds a page's whole state in memory). A circuit lives on
/// one long request to <c>/_blazor</c> (its web socket), so counting those requests at once counts the open circuits.
/// The teacher's password has its own, stricter count (<see cref="TeacherSignInAttempts"/>).
/// </summary>
public static class WebLimits
{
    /// <summary>The circuits' connection endpoint; its <c>/negotiate</c> and <c>/disconnect</c> are short and not counted.</summary>
    public const string CircuitPath = "/_blazor";

    public static IServiceCollection AddWebLimits(this IServiceCollection services)
    {
        services.AddOptions<WebLimitsOptions>().BindConfiguration(WebLimitsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TeacherSignInAttempts>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptionsMonitor<WebLimitsOptions>>((options, limits) =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => PartitionOf(context, limits.CurrentValue));
            options.OnRejected = RefuseAsync;
        });
        return services;
    }

    private static RateLimitPartition<string> PartitionOf(HttpContext context, WebLimitsOptions limits)
    {
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var path = context.Request.Path;
        if (path.Equals(SpotifySignIn.SignInPath, StringComparison.OrdinalIgnoreCase))
        {
            return RateLimitPartition.GetFixedWindowLimiter("spotify-signin " + address, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limits.SpotifySignInsPerMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            });
        }

        if (path.Equals(CircuitPath, StringComparison.OrdinalIgnoreCase))
        {
            return RateLimitPartition.GetConcurrencyLimiter("circuit " + address, _ => new ConcurrencyLimiterOptions
            {
                PermitLimit = limits.CircuitsPerAddress,
                QueueLimit = 0,
            });
        }

        return RateLimitPartition.GetNoLimiter("");
    }

    private static async ValueTask RefuseAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        var isCircuit = context.Request.Path.Equals(CircuitPath, StringComparison.OrdinalIgnoreCase);
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(isCircuit ? 30 : 60);
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(
            isCircuit
                ? "Too many pages of this dashboard are open from your network. Close a few tabs and reload this one."
                : "Too many sign-ins were started from your network. Wait a minute and try again.",
            cancellationToken);
    }
}
