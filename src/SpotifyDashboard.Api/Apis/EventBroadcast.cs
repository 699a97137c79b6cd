using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using SpotifyDashboard.Api.Limits;
using SpotifyDashboard.Core.Storage;
using StackExchange.Redis;

namespace SpotifyDashboard.Api.Apis;

/// <summary>
/// One subscription to the store's event channel for the whole api, fanned out to every open <c>/api/events</c>
/// stream: a thousand browsers cost one Redis subscription, not a thousand handlers. Each stream gets a bounded queue
/// (<c>RateLimits:EventQueue</c>, oldest dropped), so a slow client holds no more than that; at most
/// <c>RateLimits:EventConnections</c> streams are open at once. Unreadable messages are skipped and counted.
/// </summary>
public sealed partial class EventBroadcast(
    IConnectionMultiplexer redis,
    IOptions<AnonymousLimitsOptions> options,
    ApiTelemetry telemetry,
    ILogger<EventBroadcast> logger) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<Listener, byte> _listeners = new();
    private readonly SemaphoreSlim _subscribing = new(1, 1);
    private ChannelMessageQueue? _subscription;
    private int _open;

    public int OpenStreams => Volatile.Read(ref _open);

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
                var queue = await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(RedisKeys.EventsChannel));
                queue.OnMessage(message => Fan(message.Message));
                Volatile.Write(ref _subscription, queue);
            }
        }
        finally
        {
            _subscribing.Release();
        }
    }

    private void Fan(RedisValue message)
    {
        if (Read(message) is not { } storeEvent)
        {
            telemetry.MalformedEvent();
            LogMalformed(logger, message.Length());
            return;
        }

        foreach (var listener in _listeners.Keys)
        {
            listener.Queue.Writer.TryWrite(storeEvent);
        }
    }

    /// <summary>The event, or null for anything a stream cannot carry (not JSON, no type, a type that would break the SSE framing).</summary>
    internal static StoreEvent? Read(RedisValue message)
    {
        try
        {
            var storeEvent = JsonSerializer.Deserialize<StoreEvent>(message.ToString(), StoreJson.Options);
            return storeEvent is { Type.Length: > 0 } && !storeEvent.Type.AsSpan().ContainsAny('\r', '\n') ? storeEvent : null;
        }
        catch (JsonException)
        {
            return null;
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
            await subscription.UnsubscribeAsync();
        }

        _subscribing.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped an unreadable store event ({Length} bytes) on the events channel")]
    private static partial void LogMalformed(ILogger logger, long length);

    /// <summary>One open stream's share of the events; dispose it when the stream ends.</summary>
    public sealed class Listener : IDisposable
    {
        private readonly EventBroadcast _owner;

        internal Listener(EventBroadcast owner, int capacity)
        {
            _owner = owner;
            Queue = Channel.CreateBounded<StoreEvent>(new BoundedChannelOptions(capacity)
            {
                FullMode = BoundedChannelFullMode.DropOldest,
                SingleReader = true,
            });
        }

        internal Channel<StoreEvent> Queue { get; }

        public ChannelReader<StoreEvent> Events => Queue.Reader;

        public void Dispose()
        {
            _owner.Leave(this);
            Queue.Writer.TryComplete();
        }
    }
}
