using Microsoft.Extensions.Logging.Abstractions;
using SpotifyDashboard.Analysis;
using SpotifyDashboard.Core.Analysis;
using SpotifyDashboard.Core.Configuration;
using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Core.Telemetry;
using SpotifyDashboard.Worker.Analysis;
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
        Status = new AnalysisWorkerStatus();
        Runner = new AnalysisRunner(
            new SurveyResponseStore(redis),
            new SnapshotStore(redis),
            Lock,
            options,
            new PipelineTelemetry(new TestMeterFactory(), time),
            time,
            NullLogger<AnalysisRunner>.Instance);
        Worker = new AnalysisWorker(Runner, Lock, Status, redis, new ActiveSourceStore(redis), MsOptions.Create(new SurveyOptions()), options, time, NullLogger<AnalysisWorker>.Instance);
    }

    public WorkerLeaderLock Lock { get; }

    public AnalysisWorkerStatus Status { get; }

    public AnalysisRunner Runner { get; }

    public AnalysisWorker Worker { get; }

    public AnalysisRunResult? LastRun => Status.Last.Run;

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
