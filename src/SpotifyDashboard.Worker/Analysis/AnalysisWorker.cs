using System.Text.Json;
using Microsoft.Extensions.Options;
using SpotifyDashboard.Core.Configuration;
using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Core.Survey;
using SpotifyDashboard.ServiceDefaults.Memory;
using StackExchange.Redis;
using SpotifyDashboard.Analysis;

namespace SpotifyDashboard.Worker.Analysis;

/// <summary>What one tick of the <see cref="AnalysisWorker"/> did.</summary>
public enum AnalysisTickOutcome
{
    /// <summary>Another replica leads; this one only retries the lock now and then.</summary>
    Standby,

    /// <summary>Leading, and no change is due for analysis yet.</summary>
    Waiting,

    /// <summary>Leading, and an analysis ran (see <see cref="AnalysisWorkerStatus"/> for its result).</summary>
    Ran,
}

/// <summary>
/// Reruns the analysis of the active source (resolved each tick, so an upload that switches to CSV is followed) when its enriched data changes. A change is noticed by a
/// non-snapshot event of the source on <c>sd:events</c>, by a different response or pending count, or by
/// the periodic reread; the run waits for <c>Analysis:Debounce</c> of quiet, at most <c>Analysis:MaxDelay</c>.
/// Only the replica holding the <see cref="WorkerLeaderLock"/> runs; it gives the lock back when it stops.
/// </summary>
public sealed partial class AnalysisWorker(
    AnalysisRunner runner,
    WorkerLeaderLock leaderLock,
    AnalysisWorkerStatus status,
    IConnectionMultiplexer redis,
    ActiveSourceStore activeSource,
    IOptions<SurveyOptions> survey,
    IOptions<AnalysisOptions> options,
    TimeProvider time,
    ILogger<AnalysisWorker> logger) : BackgroundService
{
    private readonly ChangeDebouncer _debouncer = new(options.Value.Debounce, options.Value.MaxDelay);
    private bool _wasLeader;
    private (long Responses, long Pending)? _lastCounts;
    private DateTimeOffset _nextRecheckAt = DateTimeOffset.MinValue;
    private int _eventSeen;
    private bool _subscribed;
    private volatile string _source = survey.Value.Source.StorageName();

    /// <summary>A change was noticed and waits for its run.</summary>
    internal bool HasPendingChange => _debouncer.HasPendingChange;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckInterval, time);
        try
        {
            do
            {
                try
                {
                    await TickAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Redis may be restarting; the next tick tries again.
                    LogTickFailed(ex);
                    status.Failed(ex, time.GetUtcNow());
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await StopLeadingAsync();
        }
    }

    /// <summary>One look for changes and, when one is due and this replica leads, one analysis run.</summary>
    internal async Task<AnalysisTickOutcome> TickAsync(CancellationToken cancellationToken = default)
    {
        await SubscribeOnceAsync();
        var isLeader = await leaderLock.EnsureAsync();
        var now = time.GetUtcNow();
        if (!isLeader)
        {
            _wasLeader = false;
            return AnalysisTickOutcome.Standby;
        }

        var source = (await activeSource.ResolveAsync(survey.Value.Source)).StorageName();
        if (source != _source)
        {
            // Another source became active: its data is new to us.
            _source = source;
            _lastCounts = null;
        }

        if (!_wasLeader)
        {
            // The previous leader may have died with unanalysed changes: look right away.
            _wasLeader = true;
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
            return AnalysisTickOutcome.Waiting;
        }

        _debouncer.Reset();
        var result = await runner.RunAsync(source, cancellationToken: cancellationToken);
        status.Ran(result, time.GetUtcNow());
        ReturnTheRunsMemory(result.Outcome);
        return AnalysisTickOutcome.Ran;
    }

    /// <summary>
    /// A run of the engine builds the class's matrices, ML.NET's data views and models and the snapshot's JSON: all
    /// garbage once the snapshot is stored, and the worker may then idle for hours until the next answer. Collecting at
    /// once keeps it at its working size between runs instead of at the run's peak (bench/README.md, "Memory"); it costs
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

    /// <summary>Lets a standby replica take over at once instead of after the lock expires.</summary>
    internal async Task StopLeadingAsync()
    {
        try
        {
            await leaderLock.ReleaseAsync();
        }
        catch (Exception ex)
        {
            LogReleaseFailed(ex);
        }

        _wasLeader = false;
    }

    private async Task SubscribeOnceAsync()
    {
        if (_subscribed)
        {
            return;
        }

        await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(RedisKeys.EventsChannel), (_, message) =>
        {
            var storeEvent = TryRead(message);
            if (storeEvent is not null && storeEvent.Type != StoreEvent.SnapshotUpdated && storeEvent.Source == _source)
            {
                Interlocked.Exchange(ref _eventSeen, 1);
            }
        });
        _subscribed = true;
    }

    private static StoreEvent? TryRead(RedisValue message)
    {
        try
        {
            return JsonSerializer.Deserialize<StoreEvent>(message.ToString(), DashboardJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Analysis tick failed")]
    private partial void LogTickFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release the worker lock; it expires by itself")]
    private partial void LogReleaseFailed(Exception exception);
}
