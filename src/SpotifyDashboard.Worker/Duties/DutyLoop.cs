using SpotifyDashboard.Core.Duties;


namespace SpotifyDashboard.Worker.Duties;

/// <summary>
/// Runs one <see cref="IWorkerDuty"/>: a step at start, then one every <see cref="IWorkerDuty.Interval"/> on the
/// <see cref="TimeProvider"/>'s clock, each only while this replica holds the <see cref="WorkerLeaderLock"/>. A step that
/// throws (the cache restarting, say) is logged and the next tick tries again; how each step ended goes to
/// <see cref="WorkerHealth"/>.
/// </summary>
public sealed partial class DutyLoop(
    IWorkerDuty duty,
    WorkerLeaderLock leaderLock,
    WorkerHealth health,
    TimeProvider time,
    ILogger<DutyLoop> logger) : BackgroundService
{
    public IWorkerDuty Duty => duty;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(duty.Interval, time);
        try
        {
            do
            {
                await StepAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One tick: the duty's step if this replica leads; false when another replica does (and works instead).</summary>
    public async Task<bool> StepAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (!await leaderLock.EnsureAsync())
            {
                health.StandingBy(duty.Name);
                return false;
            }

            health.Stepped(duty.Name, await duty.StepAsync(cancellationToken));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogStepFailed(ex, duty.Name);
            health.Stepped(duty.Name, $"its last step failed: {ex.Message}");
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The worker's {Duty} step failed; trying again at the next tick")]
    private partial void LogStepFailed(Exception exception, string duty);
}
