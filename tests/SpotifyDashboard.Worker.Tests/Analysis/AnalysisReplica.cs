using Microsoft.Extensions.Logging.Abstractions;
using SpotifyDashboard.Analysis;
using SpotifyDashboard.Core.Analysis;
using SpotifyDashboard.Core.Configuration;
using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Core.Telemetry;
using SpotifyDashboard.Worker.Analysis;
using SpotifyDashboard.Worker.Duties;
using StackExchange.Redis;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace SpotifyDashboard.Worker.Tests.Analysis;

/// <summary>One worker replica as the worker's DI would build it, on a shared Redis and a fake clock.</summary>
public sealed class AnalysisReplica
{
    public static AnalysisOptions FastSettings { get; } = Fast(new());

    /// <param name="schedule">The test's schedule and lock timings; its engine settings are made <see cref="Fast"/>.</param>
    public AnalysisReplica(IConnectionMultiplexer redis, TimeProvider time, AnalysisOptions? schedule = null)
    {
        var options = MsOptions.Create(Fast(schedule ?? new AnalysisOptions()));
        Lock = new WorkerLeaderLock(redis, options, time, NullLogger<WorkerLeaderLock>.Instance);
        Runner = new AnalysisRunner(
            new SurveyResponseStore(redis),
            new SnapshotStore(redis),
            Lock,
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

    /// <summary>Small and quick: the engine itself is tested in SpotifyDashboard.Analysis.Tests.</summary>
    private static AnalysisOptions Fast(AnalysisOptions options)
    {
        options.Clusters = "3";
        options.Restarts = 2;
        options.CvFolds = 3;
        options.PermutationImportance = false;
        return options;
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
