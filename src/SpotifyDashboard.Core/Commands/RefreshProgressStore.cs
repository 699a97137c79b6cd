using System.Text.Json;
using SpotifyDashboard.Core.Contracts.Admin;
using SpotifyDashboard.Core.Storage;
using StackExchange.Redis;

namespace SpotifyDashboard.Core.Commands;

/// <summary>
/// Each refresh's progress at <see cref="RedisKeys.Refresh"/>, kept a day: the api writes it when it queues the refresh,
/// the worker moves it on (through a <see cref="RefreshProgressReporter"/>), the api reads it for the teacher. A write
/// may be announced with a <c>refresh-progress</c> event for the web's live view.
/// </summary>
public sealed class RefreshProgressStore(IConnectionMultiplexer redis)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    private IDatabase Db => redis.GetDatabase();

    public async Task<RefreshProgress?> GetAsync(string id)
    {
        var json = await Db.StringGetAsync(RedisKeys.Refresh(id));
        return json.IsNullOrEmpty ? null : JsonSerializer.Deserialize<RefreshProgress>(json.ToString(), DashboardJson.Options);
    }

    public async Task SetAsync(RefreshProgress progress, string source, bool announce = true)
    {
        await Db.StringSetAsync(RedisKeys.Refresh(progress.Id), JsonSerializer.Serialize(progress, DashboardJson.Options), Lifetime);
        if (announce)
        {
            await Db.PublishAsync(
                RedisChannel.Literal(RedisKeys.EventsChannel),
                JsonSerializer.Serialize(new StoreEvent(StoreEvent.RefreshProgress, source, progress.Id, progress.UpdatedAt), DashboardJson.Options));
        }
    }
}
