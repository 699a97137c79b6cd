using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using SpotifyDashboard.Core.Storage;
using StackExchange.Redis;

namespace SpotifyDashboard.Api.Apis;

public static class EventsApi
{
    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/events", GetEvents)
            .WithTags("Events")
            .WithName("GetEvents")
            .WithSummary("Server-sent events: response-added, snapshot-updated, … as they happen");
        return app;
    }

    public static IResult GetEvents(IConnectionMultiplexer redis, CancellationToken cancellationToken) =>
        TypedResults.ServerSentEvents(StreamAsync(redis, cancellationToken));

    private static async IAsyncEnumerable<SseItem<StoreEvent>> StreamAsync(
        IConnectionMultiplexer redis,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // A slow browser must not hold the api's memory hostage: keep only the newest events.
        var queue = Channel.CreateBounded<StoreEvent>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
        var channel = RedisChannel.Literal(RedisKeys.EventsChannel);
        var subscriber = redis.GetSubscriber();
        Action<RedisChannel, RedisValue> handler = (_, message) =>
        {
            if (JsonSerializer.Deserialize<StoreEvent>(message.ToString(), StoreJson.Options) is { } storeEvent)
            {
                queue.Writer.TryWrite(storeEvent);
            }
        };

        await subscriber.SubscribeAsync(channel, handler);
        try
        {
            yield return new SseItem<StoreEvent>(new StoreEvent("connected", "", null, DateTimeOffset.UtcNow), "connected");
            await foreach (var storeEvent in queue.Reader.ReadAllAsync(cancellationToken))
            {
                yield return new SseItem<StoreEvent>(storeEvent, storeEvent.Type);
            }
        }
        finally
        {
            await subscriber.UnsubscribeAsync(channel, handler);
        }
    }
}
