using Microsoft.Extensions.Logging.Abstractions;
using SpotifyDashboard.Analysis;
using SpotifyDashboard.Core.Analysis;
using SpotifyDashboard.Core.Options;
using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Core.Telemetry;
using SpotifyDashboard.Worker.Analysis;
using SpotifyDashboard.Worker.Duties;
using StackExchange.Redis;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace SpotifyDashboard.UnitTests.Analysis;

/// <summary>One worker replica as the worker's DI would build it, on a shared Redis and a fake clock.</summary>
public sealed class AnalysisReplica
{
    /// <summary>Small and quick: the engine itself is tested in SpotifyDashboard.Analysis.Tests.</summary>
    public static AnalysisSettings FastSettings { get; } = new() { Clusters = "3", Restarts = 2, CvFolds = 3, PermutationImportance = false };

    public AnalysisReplica(IConnectionMultiplexer redis, TimeProvider time, AnalysisScheduleOptions? schedule = null)
    {
        var options = MsOptions.Create(schedule ?? new AnalysisScheduleOptions());
        Lock = new WorkerLeaderLock(redis, options, time, NullLogger<WorkerLeaderLock>.Instance);
        Runner = new AnalysisRunner(
            new SurveyResponseStore(redis),
            new SnapshotStore(redis),
            Lock,
            MsOptions.Create(FastSettings),
            options,
            new PipelineTelemetry(new TestMeterFactory(), time),
            time,
            NullLogger<AnalysisRunner>.Instance);
        Worker = new AnalyseDuty(Runner, Lock, redis, new ActiveSourceStore(redis), MsOptions.Create(new SurveyOptions()), options, time);
        Loop = new DutyLoop(Worker, Lock, new WorkerHealth(Lock, time), time, NullLogger<DutyLoop>.Instance);
    }

    public WorkerLeaderLock Lock { get; }

    public AnalysisRunner Runner { get; }

    public AnalyseDuty Worker { get; }

    /// <summary>The loop the worker runs the duty in.</summary>
    public DutyLoop Loop { get; }

    public AnalysisRunResult? LastRun => Worker.LastRun;

    /// <summary>One tick of the loop: <see cref="AnalysisTickOutcome.Standby"/> when another replica leads, else whether a run came of it.</summary>
    public async Task<AnalysisTickOutcome> TickAsync()
    {
        var before = Worker.LastRun;
        if (!await Loop.StepAsync(CancellationToken.None))
        {
            return AnalysisTickOutcome.Standby;
        }

        return ReferenceEquals(before, Worker.LastRun) ? AnalysisTickOutcome.Waiting : AnalysisTickOutcome.Ran;
    }
}

/// <summary>What one tick of the analyse duty's loop did.</summary>
public enum AnalysisTickOutcome
{
    /// <summary>Another replica leads; this one only retries the lock now and then.</summary>
    Standby,

    /// <summary>Leading, and no change is due for analysis yet.</summary>
    Waiting,

    /// <summary>Leading, and an analysis ran.</summary>
    Ran,
}
