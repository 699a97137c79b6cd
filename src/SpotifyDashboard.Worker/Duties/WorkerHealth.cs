using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;


namespace SpotifyDashboard.Worker.Duties;

/// <summary>
/// The worker's health: how each duty's last step ended. Healthy while every duty did its job (or this replica stands
/// by, which is its job too); degraded, naming each duty that could not and why, while one cannot: the worker goes on
/// and retries, and the last good data stays served, so never unhealthy. Kept in the process, so it does not depend on
/// the cache answering.
/// </summary>
public sealed class WorkerHealth(WorkerLeaderLock leaderLock, TimeProvider time) : IHealthCheck
{
    private readonly ConcurrentDictionary<string, DutyStep> _last = new(StringComparer.Ordinal);

    /// <param name="problem">Null when the step did its job; otherwise why not, in an operator's words.</param>
    public void Stepped(string duty, string? problem) => _last[duty] = new DutyStep(time.GetUtcNow(), problem);

    /// <summary>Another replica does the duty now: what this one did while it led says nothing any more.</summary>
    public void StandingBy(string duty) => _last.TryRemove(duty, out _);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var role = leaderLock.Status;
        var steps = _last.OrderBy(s => s.Key, StringComparer.Ordinal).ToList();
        var data = new Dictionary<string, object>
        {
            ["role"] = role.Role.ToString(),
            ["leaderSince"] = role.LeaderSince?.ToString("O", CultureInfo.InvariantCulture) ?? "",
        };
        foreach (var (duty, step) in steps)
        {
            data[duty] = $"{(step.Problem is null ? "ok" : "stuck")} at {step.At.ToString("O", CultureInfo.InvariantCulture)}";
        }

        var stuck = steps.Where(s => s.Value.Problem is not null).Select(s => $"{s.Key}: {s.Value.Problem}").ToList();
        return Task.FromResult(stuck.Count == 0
            ? HealthCheckResult.Healthy($"Worker {role.Role.ToString().ToLowerInvariant()}: every duty did its job", data)
            : HealthCheckResult.Degraded(string.Join("; ", stuck), data: data));
    }
}

/// <summary>When a duty's last step ended, and why it could not do its job (null when it did).</summary>
public sealed record DutyStep(DateTimeOffset At, string? Problem);
