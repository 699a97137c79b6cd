using System.Threading.Channels;

namespace SpotifyDashboard.Api.Events;

/// <summary>
/// A copy of something in the store kept in the api's memory (the snapshot, the class's answers, the status, the
/// active source), so requests rarely wait for Redis. It reads from the store at start, again as soon as an event it
/// cares about arrives on <c>sd:events</c> (through <see cref="EventBroadcast"/>), and every <see cref="PollInterval"/>
/// as a fallback (events are fire-and-forget). With a <see cref="Debounce"/>, a burst of events waits for its quiet (at
/// most <see cref="MaxDebounce"/>) and causes one read. A failed read is logged and tried again on the next event or
/// poll: Redis may be starting or restarting.
/// </summary>
public abstract class StoreCache(EventBroadcast events, TimeProvider time) : BackgroundService
{
    /// <summary>A steady stream of events still causes a read this often, however short the gaps between them.</summary>
    protected static readonly TimeSpan MaxDebounce = TimeSpan.FromSeconds(2);

    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Lock _gate = new();
    private TaskCompletionSource _nextRead = NewRead();
    private bool _subscribed;

    protected TimeProvider Time => time;

    protected abstract TimeSpan PollInterval { get; }

    protected virtual TimeSpan Debounce => TimeSpan.Zero;

    /// <summary>Whether <paramref name="storeEvent"/> changes what this cache holds.</summary>
    protected abstract bool WakesOn(StoreEvent storeEvent);

    /// <summary>
    /// Reads what this cache holds. <paramref name="polled"/> is true when no event asked for it (the fallback poll):
    /// a cache whose read is large may first check whether anything changed.
    /// </summary>
    protected abstract Task ReadFromStoreAsync(bool polled, CancellationToken cancellationToken);

    protected abstract void OnReadFailed(Exception exception);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var polled = false;
            while (!stoppingToken.IsCancellationRequested)
            {
                TaskCompletionSource thisRead;
                lock (_gate)
                {
                    (thisRead, _nextRead) = (_nextRead, NewRead());
                }

                try
                {
                    await SubscribeOnceAsync(stoppingToken);
                    await ReadFromStoreAsync(polled, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    OnReadFailed(ex);
                }
                finally
                {
                    // Failed or not: the events it was for are not held any longer (the next poll tries again).
                    thisRead.TrySetResult();
                }

                polled = !await WaitForEventOrPollAsync(stoppingToken);
            }
        }
        finally
        {
            lock (_gate)
            {
                _nextRead.TrySetResult();
            }
        }
    }

    /// <summary>
    /// Called by <see cref="EventBroadcast"/> with each event before any stream hears it: null when this cache does
    /// not follow <paramref name="storeEvent"/>, else a task that completes when a read started after it is over.
    /// </summary>
    internal Task? Notify(StoreEvent storeEvent)
    {
        if (!WakesOn(storeEvent))
        {
            return null;
        }

        Task read;
        lock (_gate)
        {
            read = _nextRead.Task;
        }

        _wake.Writer.TryWrite(true);
        return read;
    }

    private static TaskCompletionSource NewRead() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>True when an event ended the wait, false when the poll interval did.</summary>
    private async Task<bool> WaitForEventOrPollAsync(CancellationToken stoppingToken)
    {
        if (!await WaitForEventAsync(PollInterval, stoppingToken))
        {
            return false;
        }

        if (Debounce <= TimeSpan.Zero)
        {
            return true;
        }

        var latest = time.GetUtcNow() + MaxDebounce;
        while (time.GetUtcNow() < latest && await WaitForEventAsync(Debounce, stoppingToken))
        {
            // Another event of the same burst: wait for the quiet after it.
        }

        return true;
    }

    /// <summary>True when an event came within <paramref name="timeout"/>; false when it passed or the api is stopping.</summary>
    private async Task<bool> WaitForEventAsync(TimeSpan timeout, CancellationToken stoppingToken)
    {
        if (timeout <= TimeSpan.Zero)
        {
            return _wake.Reader.TryRead(out _);
        }

        using var timer = new CancellationTokenSource(timeout, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timer.Token);
        try
        {
            await _wake.Reader.ReadAsync(either.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task SubscribeOnceAsync(CancellationToken cancellationToken)
    {
        if (!_subscribed)
        {
            await events.FollowAsync(this, cancellationToken);
            _subscribed = true;
        }
    }
}
