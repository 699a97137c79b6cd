using System.Text.Json;
using SpotifyDashboard.Core.Storage;
using StackExchange.Redis;

namespace SpotifyDashboard.TestSupport;

/// <summary>Collects store events; a sentinel event published after the action marks where its own events end (one connection keeps order).</summary>
public sealed class EventCollector
{
    private const string SentinelType = "test-sentinel";
    private readonly List<StoreEvent> seen = [];
    private readonly TaskCompletionSource sentinel = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task<EventCollector> StartAsync(IConnectionMultiplexer redis)
    {
        var collector = new EventCollector();
        var queue = await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(RedisKeys.EventsChannel));
        queue.OnMessage(message =>
        {
            var storeEvent = JsonSerializer.Deserialize<StoreEvent>(message.Message.ToString(), DashboardJson.Options)!;
            if (storeEvent.Type == SentinelType)
            {
                collector.sentinel.TrySetResult();
                return;
            }

            lock (collector.seen)
            {
                collector.seen.Add(storeEvent);
            }
        });
        return collector;
    }

    public async Task<IReadOnlyList<StoreEvent>> UntilSentinelAsync(SurveyResponseStore store)
    {
        await store.PublishAsync(new StoreEvent(SentinelType, "test", null, DateTimeOffset.UtcNow));
        await sentinel.Task.WaitAsync(TimeSpan.FromSeconds(10));
        lock (seen)
        {
            return [.. seen];
        }
    }
}
