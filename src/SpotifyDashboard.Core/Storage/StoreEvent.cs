using System.Text.Json;
using StackExchange.Redis;

namespace SpotifyDashboard.Core.Storage;

/// <summary>What is published on <see cref="RedisKeys.EventsChannel"/> when something changes.</summary>
public sealed record StoreEvent(string Type, string Source, string? Id, DateTimeOffset At)
{
    public const string ResponseAdded = "response-added";

    /// <summary>An enrichment batch changed responses (pending → enriched or unmatched).</summary>
    public const string ResponsesEnriched = "responses-enriched";
    public const string SnapshotUpdated = "snapshot-updated";

    /// <summary>The active survey source changed (an upload became the CSV source, or the teacher went back).</summary>
    public const string SourceChanged = "source-changed";

    /// <summary>A refresh moved on; <see cref="Id"/> is the refresh's id, its progress at <c>sd:refresh:{id}</c>.</summary>
    public const string RefreshProgress = "refresh-progress";
}

/// <summary>The one publisher and the one reader of <see cref="StoreEvent"/>s on <see cref="RedisKeys.EventsChannel"/>.</summary>
public static class StoreEvents
{
    private static readonly RedisChannel Channel = RedisChannel.Literal(RedisKeys.EventsChannel);

    public static Task PublishEventAsync(this IConnectionMultiplexer redis, StoreEvent storeEvent) =>
        redis.GetSubscriber().PublishAsync(Channel, JsonSerializer.Serialize(storeEvent, DashboardJson.Options));

    /// <summary>
    /// Hands every message to <paramref name="handle"/> one at a time, in the order published, decoded: null for one no
    /// listener can use (see <see cref="Read"/>).
    /// </summary>
    public static async Task<ChannelMessageQueue> SubscribeEventsAsync(this IConnectionMultiplexer redis, Action<StoreEvent?, RedisValue> handle)
    {
        var queue = await redis.GetSubscriber().SubscribeAsync(Channel);
        queue.OnMessage(message => handle(Read(message.Message), message.Message));
        return queue;
    }

    /// <summary>The event, or null for anything a stream cannot carry (not JSON, no type, a type that would break the SSE framing).</summary>
    public static StoreEvent? Read(RedisValue message)
    {
        try
        {
            var storeEvent = JsonSerializer.Deserialize<StoreEvent>(message.ToString(), DashboardJson.Options);
            return storeEvent is { Type.Length: > 0 } && !storeEvent.Type.AsSpan().ContainsAny('\r', '\n') ? storeEvent : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
