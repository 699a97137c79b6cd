using Microsoft.Extensions.Logging.Abstractions;
using SpotifyDashboard.Analysis;
using SpotifyDashboard.Core.Analysis;
using SpotifyDashboard.Core.Options;
using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Core.Telemetry;
using SpotifyDashboard.Worker.Analysis;
using StackExchange.Redis;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace SpotifyDashboard.Worker.Tests.Analysis;

/// <summary>One worker replica as the worker's DI would build it, on a shared Redis and a fake clock.</summary>
public sealed class AnalysisReplica
{
    /// <summary>Small and quick: the engine itself is tested in SpotifyDashboard.Analysis.Tests.</summary>
    public static AnalysisSettings FastSettings { get; } = new() { Clusters = "3", Restarts = 2, CvFolds = 3, PermutationImportance = false };

    public AnalysisReplica(IConnectionMultiplexer redis, TimeProvider time, AnalysisScheduleOptions? schedule = null)
    {
        var options = MsOptions.Create(schedule ?? new AnalysisScheduleOptions());
        Lock = new WorkerLeaderLock(redis, options, time, NullLogger<WorkerLeaderLock>.Instance);
        Status = new AnalysisWorkerStatus();
        Runner = new AnalysisRunner(
            new SurveyResponseStore(redis),
            new SnapshotStore(redis),
            Lock,
            MsOptions.Create(FastSettings),
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
}
