using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace SpotifyDashboard.Web.Security;

/// <summary>
/// ServiceDefaults maps <c>/metrics</c> for every service. The web is the one service with an external endpoint, and
/// its metrics (routes, circuit counts, timings) are nobody's business outside: there it answers 404 unless the request
/// comes straight from this machine or from a network named in <c>Metrics:AllowedNetworks</c> (CIDR, e.g. a cluster's
/// pod network). A request that passed a reverse proxy (it has X-Forwarded-For) counts as outside even when the proxy
/// runs on loopback. In development Aspire's dashboard gets the metrics over OTLP and needs no scraping.
/// </summary>
public static class MetricsAccess
{
    public const string Path = "/metrics";

    public static WebApplication UseMetricsOnlyFromInside(this WebApplication app)
    {
        var allowed = (app.Configuration.GetSection("Metrics:AllowedNetworks").Get<string[]>() ?? [])
            .Select(cidr => System.Net.IPNetwork.Parse(cidr))
            .ToArray();

        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(Path) && !IsInside(context, allowed))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            return next(context);
        });
        return app;
    }

    public static bool IsInside(HttpContext context, IReadOnlyList<System.Net.IPNetwork> allowed)
    {
        if (context.Request.Headers.ContainsKey(ForwardedHeadersDefaults.XForwardedForHeaderName)
            || context.Connection.RemoteIpAddress is not { } remote)
        {
            return false;
        }

        if (remote.IsIPv4MappedToIPv6)
        {
            remote = remote.MapToIPv4();
        }

        return IPAddress.IsLoopback(remote) || allowed.Any(network => network.Contains(remote));
    }
}
