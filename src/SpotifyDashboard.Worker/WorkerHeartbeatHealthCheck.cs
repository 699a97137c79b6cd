using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SpotifyDashboard.Worker;

/// <summary>Degraded (not unhealthy) after a failed tick: the worker keeps going and retries.</summary>
public sealed class WorkerHeartbeatHealthCheck(WorkerHeartbeat heartbeat) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["lastRunAt"] = heartbeat.LastRunAt?.ToString("O") ?? "never" };
        return Task.FromResult(heartbeat.LastError is null
            ? HealthCheckResult.Healthy("Last run succeeded", data)
            : HealthCheckResult.Degraded($"Last run failed: {heartbeat.LastError}", data: data));
    }
}
