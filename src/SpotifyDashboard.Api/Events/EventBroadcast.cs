using System.Collections.Concurrent;
using System.Threading.Channels;

namespace SpotifyDashboard.Api.Events;

/// <summary>
/// The api's one subscription to the store's event channel. Its in-memory caches (<see cref="StoreCache"/>) hear each
/// event first; every open <c>/api/events</c> stream hears it once the caches it wakes have read the store again, so a
/// page that refreshes on an event gets what the event announces, not the answer from before it. (A cache waits for a
/// burst's quiet before it reads; an event relayed at once would send pages to read the old copy and then wait for an
/// event that has already gone.) A cache that does not read within <see cref="CacheWait"/> holds no event longer than that.
/// A thousand browsers cost one Redis subscription. Each stream gets a bounded queue (<c>RateLimits:EventQueue</c>,
/// oldest dropped), so a slow client holds no more than that; at most <c>RateLimits:EventConnections</c> streams are
/// open at once. Unreadable messages are skipped and counted.
/// </summary>
public sealed partial class EventBroadcast(
    IConnectionMultiplexer redis,
    IOptions<AnonymousLimitsOptions> options,
    ApiTelemetry telemetry,
    TimeProvider time,
    ILogger<EventBroadcast> logger) : IAsyncDisposable
{
    /// <summary>The longest an event waits for the caches it wakes (one that cannot reach Redis may not read for a while).</summary>
    public static readonly TimeSpan CacheWait = TimeSpan.FromSeconds(5);

    /// <summary>Events waiting for their caches; far more than a class sends while a cache reads.</summary>
    private const int HeldEvents = 4096;

    private readonly ConcurrentDictionary<Listener, byte> _listeners = new();
    private readonly ConcurrentDictionary<StoreCache, byte> _caches = new();
    private readonly Channel<HeldEvent> _held = Channel.CreateBounded<HeldEvent>(new BoundedChannelOptions(HeldEvents)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
    });
    private Task _releasing = Task.CompletedTask;
    private readonly SemaphoreSlim _subscribing = new(1, 1);
    private ChannelMessageQueue? _subscription;
    private int _open;

    /// <summary>A stream's queue of events, or null when <c>RateLimits:EventConnections</c> are already open.</summary>
    public async Task<Listener?> JoinAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _open) > options.Value.EventConnections)
        {
            Interlocked.Decrement(ref _open);
            return null;
        }

        try
        {
            await EnsureSubscribedAsync(cancellationToken);
        }
        catch
        {
            Interlocked.Decrement(ref _open);
            throw;
        }

        var listener = new Listener(this, options.Value.EventQueue);
        _listeners[listener] = 0;
        telemetry.EventStreamOpened();
        return listener;
    }

    /// <summary>Lets <paramref name="cache"/> hear every event before the streams do (see <see cref="StoreCache.Notify"/>).</summary>
    public async Task FollowAsync(StoreCache cache, CancellationToken cancellationToken)
    {
        _caches[cache] = 0;
        await EnsureSubscribedAsync(cancellationToken);
    }

    private async Task EnsureSubscribedAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _subscription) is not null)
        {
            return;
        }

        await _subscribing.WaitAsync(cancellationToken);
        try
        {
            if (_subscription is null)
            {
                // A message queue, not a handler: messages are handled one at a time, in the order published.
                var queue = await redis.SubscribeEventsAsync(Hold);
                _releasing = ReleaseAsync();
                Volatile.Write(ref _subscription, queue);
            }
        }
        finally
        {
            _subscribing.Release();
        }
    }

    /// <summary>Tells the caches, then queues the event, in the order published, until they have read the store.</summary>
    private void Hold(StoreEvent? decoded, RedisValue message)
    {
        if (decoded is not { } storeEvent)
        {
            telemetry.MalformedEvent();
            LogMalformed(logger, message.Length());
            return;
        }

        var reads = _caches.Keys.Select(cache => cache.Notify(storeEvent)).OfType<Task>().ToList();
        var served = reads.Count == 0 ? Task.CompletedTask : Task.WhenAll(reads);
        _held.Writer.TryWrite(new HeldEvent(storeEvent, served, time.GetUtcNow() + CacheWait));
    }

    private async Task ReleaseAsync()
    {
        await foreach (var held in _held.Reader.ReadAllAsync())
        {
            var wait = held.Latest - time.GetUtcNow();
            if (!held.Served.IsCompleted && wait > TimeSpan.Zero)
            {
                try
                {
                    await held.Served.WaitAsync(wait, time);
                }
                catch (TimeoutException)
                {
                    LogCacheLate(logger, held.Event.Type, CacheWait.TotalSeconds);
                }
            }

            foreach (var listener in _listeners.Keys)
            {
                listener.Queue.Writer.TryWrite(held.Event);
            }
        }
    }

    private void Leave(Listener listener)
    {
        if (_listeners.TryRemove(listener, out _))
        {
            Interlocked.Decrement(ref _open);
            telemetry.EventStreamClosed();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_subscription is { } subscription)
        {
            try
            {
                await subscription.UnsubscribeAsync();
            }
            catch (Exception ex) when (ex is ObjectDisposedException or RedisException)
            {
                // The app is stopping and its connection (or its tracing) went first: the subscription goes with it.
            }
        }

        _held.Writer.TryComplete();
        await _releasing;

        _subscribing.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped an unreadable store event ({Length} bytes) on the events channel")]
    private static partial void LogMalformed(ILogger logger, long length);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Relayed a {EventType} event before the api's caches read the store again (they took over {Seconds} s)")]
    private static partial void LogCacheLate(ILogger logger, string eventType, double seconds);

    private sealed record HeldEvent(StoreEvent Event, Task Served, DateTimeOffset Latest);

    /// <summary>One open stream's share of the events; dispose it when the stream ends.</summary>
    public sealed class Listener(EventBroadcast owner, int capacity) : IDisposable
    {
        internal Channel<StoreEvent> Queue { get; } = Channel.CreateBounded<StoreEvent>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });

        public ChannelReader<StoreEvent> Events => Queue.Reader;

        public void Dispose()
        {
            owner.Leave(this);
            Queue.Writer.TryComplete();
        }
    }
}
