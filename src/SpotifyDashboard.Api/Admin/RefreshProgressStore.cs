using System.Text.Json;
using SpotifyDashboard.Core.Contracts.Admin;
using SpotifyDashboard.Core.Storage;
using StackExchange.Redis;

namespace SpotifyDashboard.Api.Admin;

/// <summary>Each refresh's progress at <see cref="RedisKeys.Refresh"/>, kept a day; the worker moves it on.</summary>
public sealed class RefreshProgressStore(IConnectionMultiplexer redis)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    private IDatabase Db => redis.GetDatabase();

    public async Task<RefreshProgress?> GetAsync(string id)
    {
        var json = await Db.StringGetAsync(RedisKeys.Refresh(id));
        return json.IsNullOrEmpty ? null : JsonSerializer.Deserialize<RefreshProgress>(json.ToString(), DashboardJson.Options);
    }

    /// <summary>Writes the progress and announces it with a <c>refresh-progress</c> event for the web's live view.</summary>
    public async Task SetAsync(RefreshProgress progress, string source)
    {
        await Db.StringSetAsync(RedisKeys.Refresh(progress.Id), JsonSerializer.Serialize(progress, DashboardJson.Options), Lifetime);
        await Db.PublishAsync(
            RedisChannel.Literal(RedisKeys.EventsChannel),
            JsonSerializer.Serialize(new StoreEvent(StoreEvent.RefreshProgress, source, progress.Id, progress.UpdatedAt), DashboardJson.Options));
    }
}
