using System.Diagnostics;
using Microsoft.Extensions.Options;
using SpotifyDashboard.Analysis;
using SpotifyDashboard.Core.Analysis;
using SpotifyDashboard.Core.Contracts.Dashboard;
using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Core.Telemetry;
using SpotifyDashboard.Worker.Duties;

namespace SpotifyDashboard.Worker.Analysis;

/// <summary>
/// One analysis of a source: read its responses, run the engine off the caller's thread (it is
/// CPU-bound), write a new snapshot version unless the content is the current one, and announce it
/// with a <c>snapshot-updated</c> event whose id is the version. Only the lock holder writes, and the write
/// itself is fenced by the lock's token, so a replica that lost the lock while the engine ran writes nothing.
/// Each run, also one that finds nothing new, is one <c>analyse</c> run of <c>data_processing_time</c> (failed when it throws).
/// </summary>
public sealed partial class AnalysisRunner(
    SurveyResponseStore responses,
    SnapshotStore snapshots,
    WorkerLeaderLock leaderLock,
    IOptions<AnalysisOptions> options,
    PipelineTelemetry pipeline,
    TimeProvider time,
    ILogger<AnalysisRunner> logger) : IDisposable
{
    public static readonly ActivitySource ActivitySource = new("SpotifyDashboard.Worker.Analysis");

    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private LastInput? _lastInput;

    /// <summary>The input of the last run that ended with a snapshot in place, and the source's change counter then.</summary>
    private sealed record LastInput(string Source, string Fingerprint, int Rows, long ChangeStamp);

    /// <summary>Runs one at a time: the analysis worker and a refresh command may both ask.</summary>
    /// <param name="force">Run the engine and write a new version even when the input or the snapshot is unchanged (a refresh).</param>
    public async Task<AnalysisRunResult> RunAsync(string source, bool force = false, CancellationToken cancellationToken = default)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            using var run = pipeline.Start(PipelineStages.Analyse);
            var result = await RunOnceAsync(source, force, cancellationToken);
            run.Succeeded();
            return result;
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private async Task<AnalysisRunResult> RunOnceAsync(string source, bool force, CancellationToken cancellationToken)
    {
        using var activity = ActivitySource.StartActivity("analysis.run");
        activity?.SetTag("analysis.source", source);
        // The worker looks again every 30 s with nothing new (in case an event was lost); an unchanged counter answers
        // that without reading the whole class (15 MB at 10,000 answers) in here and in the cache.
        var stamp = await responses.GetChangeStampAsync(source);
        if (!force && _lastInput is { } last && last.Source == source && last.ChangeStamp == stamp)
        {
            return new AnalysisRunResult(AnalysisRunOutcome.InputUnchanged, source, last.Rows);
        }

        var input = AnalysisInput.From(await responses.GetAllAsync(source));
        activity?.SetTag("analysis.rows", input.Rows.Count);
        if (input.Rows.Count == 0)
        {
            return new AnalysisRunResult(AnalysisRunOutcome.NoData, source, 0);
        }

        if (!force && _lastInput is { } previous && previous.Source == source && previous.Fingerprint == input.Fingerprint)
        {
            _lastInput = previous with { ChangeStamp = stamp };
            return new AnalysisRunResult(AnalysisRunOutcome.InputUnchanged, source, input.Rows.Count);
        }

        var started = time.GetTimestamp();
        var snapshot = await RunEngineKeepingTheLockAsync(input, cancellationToken);
        var current = await snapshots.GetCurrentPointerAsync();
        if (!force && current is not null && current.Source == source && current.Fingerprint == snapshot.Version)
        {
            _lastInput = new LastInput(source, input.Fingerprint, input.Rows.Count, stamp);
            return new AnalysisRunResult(AnalysisRunOutcome.SnapshotUnchanged, source, input.Rows.Count, current.Version, snapshot.Version);
        }

        // A replica that lost the lock mid-run must not overwrite the new leader's snapshot. Renewing first gives the
        // write a full expiry; the fence makes it safe even if this process is paused between the two.
        var pointer = await leaderLock.RenewNowAsync()
            ? await snapshots.SaveFencedAsync(source, snapshot.Version, snapshot, time.GetUtcNow(), options.Value.KeepPreviousSnapshots, RedisKeys.WorkerLock, leaderLock.Token)
            : null;
        if (pointer is null)
        {
            return new AnalysisRunResult(AnalysisRunOutcome.LostLeadership, source, input.Rows.Count);
        }

        // The engine and the write, read once here rather than inside the log call (CA1873: no work for a disabled log).
        var elapsedMs = (int)time.GetElapsedTime(started).TotalMilliseconds;
        await responses.PublishAsync(new StoreEvent(StoreEvent.SnapshotUpdated, source, pointer.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), pointer.PublishedAt));
        _lastInput = new LastInput(source, input.Fingerprint, input.Rows.Count, stamp);
        activity?.SetTag("analysis.version", pointer.Version);
        LogWritten(pointer.Version, source, input.Rows.Count, snapshot.Clustering.K, snapshot.Model.State, elapsedMs);
        return new AnalysisRunResult(AnalysisRunOutcome.Published, source, input.Rows.Count, pointer.Version, snapshot.Version);
    }

    /// <summary>A large class can take longer than the lock's expiry: keep renewing while the engine works.</summary>
    private async Task<AnalysisSnapshot> RunEngineKeepingTheLockAsync(AnalysisInput input, CancellationToken cancellationToken)
    {
        var engine = Task.Run(() => AnalysisEngine.Run(input.Rows, options.Value, time), cancellationToken);
        while (!engine.IsCompleted)
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var renewal = Task.Delay(options.Value.LockRenewInterval, time, wait.Token);
            var first = await Task.WhenAny(engine, renewal);
            cancellationToken.ThrowIfCancellationRequested();
            if (first == renewal)
            {
                await leaderLock.EnsureAsync();
            }

            await wait.CancelAsync();
        }

        return await engine;
    }

    public void Dispose() => _oneAtATime.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Analysis snapshot {Version} of {Source} written: {Rows} responses, k = {K}, model {ModelState}, in {Elapsed} ms")]
    private partial void LogWritten(long version, string source, int rows, int k, ModelState modelState, int elapsed);
}

public enum AnalysisRunOutcome
{
    /// <summary>A new snapshot version was written and announced.</summary>
    Published,

    /// <summary>The input is the one analysed last time: the engine was not run.</summary>
    InputUnchanged,

    /// <summary>The engine ran, but its fingerprint equals the current snapshot's: nothing was written.</summary>
    SnapshotUnchanged,

    /// <summary>No enriched response yet: nothing to analyse.</summary>
    NoData,

    /// <summary>The lock was lost during the run; another replica writes instead.</summary>
    LostLeadership,
}

/// <summary>What one analysis run did.</summary>
public sealed record AnalysisRunResult(AnalysisRunOutcome Outcome, string Source, int Rows, long? Version = null, string? Fingerprint = null);
