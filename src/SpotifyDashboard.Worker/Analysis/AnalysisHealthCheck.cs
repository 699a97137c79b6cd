using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SpotifyDashboard.Worker.Analysis;

/// <summary>
/// Healthy as leader or standby (a standby replica is doing its job); degraded after a failed
/// tick, since the worker retries on the next one.
/// </summary>
public sealed class AnalysisHealthCheck(WorkerLeaderLock leaderLock, AnalysisWorkerStatus status) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var lockStatus = leaderLock.Status;
        var (run, at, error) = status.Last;
        var data = new Dictionary<string, object>
        {
            ["role"] = lockStatus.Role.ToString(),
            ["leaderSince"] = lockStatus.LeaderSince?.ToString("O", CultureInfo.InvariantCulture) ?? "",
            ["lastRunAt"] = at?.ToString("O", CultureInfo.InvariantCulture) ?? "never",
            ["lastOutcome"] = run?.Outcome.ToString() ?? "",
            ["lastVersion"] = run?.Version ?? 0,
        };
        return Task.FromResult(error is null
            ? HealthCheckResult.Healthy($"Analysis {lockStatus.Role.ToString().ToLowerInvariant()}", data)
            : HealthCheckResult.Degraded($"Last analysis tick failed: {error}", data: data));
    }
}
