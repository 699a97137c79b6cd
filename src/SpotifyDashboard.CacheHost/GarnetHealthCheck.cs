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
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", host.Port, cancellationToken);
            await using var stream = client.GetStream();
            await stream.WriteAsync("*1\r\n$4\r\nPING\r\n"u8.ToArray(), cancellationToken);
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer, cancellationToken);
            return System.Text.Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("Garnet did not answer PING");
        }
        catch (Exception ex) when (ex is SocketException or IOException)
        {
            return HealthCheckResult.Unhealthy("Garnet is not reachable", ex);
        }
    }
}
