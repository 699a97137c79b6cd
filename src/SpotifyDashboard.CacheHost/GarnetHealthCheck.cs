using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SpotifyDashboard.CacheHost;

/// <summary>Healthy once Garnet answers a PING on its port.</summary>
public sealed class GarnetHealthCheck(GarnetHost host) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!host.IsRunning)
        {
            return HealthCheckResult.Unhealthy("Garnet has not started");
        }

        try
        {
            return await GarnetCommand.SendAsync(host.Port, "PING", host.Password, cancellationToken) == "+PONG"
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("Garnet did not answer PING");
        }
        catch (Exception ex) when (ex is SocketException or IOException)
        {
            return HealthCheckResult.Unhealthy("Garnet is not reachable", ex);
        }
    }
}
