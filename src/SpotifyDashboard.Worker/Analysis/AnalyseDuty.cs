using Microsoft.Extensions.Options;
using SpotifyDashboard.Analysis;
using SpotifyDashboard.Core.Configuration;
using SpotifyDashboard.Core.Duties;
using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Core.Survey;
using SpotifyDashboard.ServiceDefaults.Memory;
using SpotifyDashboard.Worker.Duties;
using StackExchange.Redis;

namespace SpotifyDashboard.Worker.Analysis;

/// <summary>
/// The analyse duty: reruns the analysis of the active source (resolved each step, so an upload that switches to CSV is
/// followed) when its enriched data changes. A change is noticed by a non-snapshot event of the source on
/// <c>sd:events</c>, by a different response or pending count, or by the periodic reread; the run waits for
/// <c>Analysis:Debounce</c> of quiet, at most <c>Analysis:MaxDelay</c>, and comes at once when this replica has just
/// become the leader (the previous one may have died with unanalysed changes).
/// </summary>
public sealed partial class AnalyseDuty(
    AnalysisRunner runner,
    WorkerLeaderLock leaderLock,
    IConnectionMultiplexer redis,
    ActiveSourceStore activeSource,
    IOptions<SurveyOptions> survey,
    IOptions<AnalysisOptions> options,
    TimeProvider time) : IWorkerDuty
{
    private readonly ChangeDebouncer _debouncer = new(options.Value.Debounce, options.Value.MaxDelay);
    private DateTimeOffset? _leadingSince;
    private (long Responses, long Pending)? _lastCounts;
    private DateTimeOffset _nextRecheckAt = DateTimeOffset.MinValue;
    private int _eventSeen;
    private bool _subscribed;
    private volatile string _source = survey.Value.Source.StorageName();

    public string Name => "analyse";

    public TimeSpan Interval => options.Value.CheckInterval;

    /// <summary>The last run's result, and when it ended.</summary>
    public AnalysisRunResult? LastRun { get; private set; }

    public DateTimeOffset? LastRunAt { get; private set; }

    /// <summary>A change was noticed and waits for its run.</summary>
    internal bool HasPendingChange => _debouncer.HasPendingChange;

    /// <summary>One look for changes and, when one is due, one analysis run.</summary>
    public async Task<string?> StepAsync(CancellationToken cancellationToken)
    {
        await SubscribeOnceAsync();
        var now = time.GetUtcNow();
        var source = (await activeSource.ResolveAsync(survey.Value.Source)).StorageName();
        if (source != _source)
        {
            // Another source became active: its data is new to us.
            _source = source;
            _lastCounts = null;
        }

        if (leaderLock.Status.LeaderSince is { } since && since != _leadingSince)
        {
            // The previous leader may have died with unanalysed changes: look right away.
            _leadingSince = since;
            _debouncer.NoticeUrgent(now);
        }

        var db = redis.GetDatabase();
        var counts = (await db.SortedSetLengthAsync(RedisKeys.ResponsesByTime(source)), await db.SetLengthAsync(RedisKeys.Pending(source)));
        var eventSeen = Interlocked.Exchange(ref _eventSeen, 0) == 1;
        if (eventSeen || counts != _lastCounts || now >= _nextRecheckAt)
        {
            _debouncer.Notice(now);
            _lastCounts = counts;
            _nextRecheckAt = now + options.Value.RecheckInterval;
        }

        if (!_debouncer.IsDue(now))
        {
            return null;
        }

        _debouncer.Reset();
        var result = await runner.RunAsync(source, cancellationToken: cancellationToken);
        (LastRun, LastRunAt) = (result, time.GetUtcNow());
        ReturnTheRunsMemory(result.Outcome);
        return null;
    }

    /// <summary>
    /// A run of the engine builds the class's matrices, ML.NET's data views and models and the snapshot's JSON: all
    /// garbage once the snapshot is stored, and the worker may then idle for hours until the next answer. Collecting at
    /// once keeps it at its working size between runs instead of at the run's peak (docs/benchmarks/memory.md); it costs
    /// tens of milliseconds after a run that took seconds. A run that found its input unchanged (the 30 s recheck, most
    /// often one GET) or no data made little: the heap trimmer sees to that, instead of a full collection every 30 s.
    /// </summary>
    private static void ReturnTheRunsMemory(AnalysisRunOutcome outcome)
    {
        if (outcome is not (AnalysisRunOutcome.InputUnchanged or AnalysisRunOutcome.NoData))
        {
            HeapTrimmer.CollectNow();
        }
    }

    private async Task SubscribeOnceAsync()
    {
        if (_subscribed)
        {
            return;
        }

        await redis.SubscribeEventsAsync((storeEvent, _) =>
        {
            if (storeEvent is not null && storeEvent.Type != StoreEvent.SnapshotUpdated && storeEvent.Source == _source)
            {
                Interlocked.Exchange(ref _eventSeen, 1);
            }
        });
        _subscribed = true;
    }
}
