using SpotifyDashboard.Core.Survey;
using StackExchange.Redis;

namespace SpotifyDashboard.Core.Storage;

/// <summary>
/// Which survey source is active: <c>Survey:Source</c>, unless the teacher chose another at run time (an upload
/// becomes the CSV source). The override lives in Redis so the api, the worker and every replica agree; clearing it
/// goes back to the configured source. The api keeps the original in a file and puts it back when the cache lost it.
/// </summary>
public sealed class ActiveSourceStore(IConnectionMultiplexer redis)
{
    private IDatabase Db => redis.GetDatabase();

    /// <summary>The override, or null when the configured source is active.</summary>
    public async Task<SurveySourceKind?> GetOverrideAsync()
    {
        var value = await Db.StringGetAsync(RedisKeys.ActiveSourceOverride);
        return !value.IsNullOrEmpty && Enum.TryParse<SurveySourceKind>(value.ToString(), ignoreCase: true, out var kind) ? kind : null;
    }

    public async Task<SurveySourceKind> ResolveAsync(SurveySourceKind configured) => await GetOverrideAsync() ?? configured;

    public async Task SetOverrideAsync(SurveySourceKind kind)
    {
        await Db.StringSetAsync(RedisKeys.ActiveSourceOverride, kind.ToString());
        await PublishAsync(kind.StorageName());
    }

    /// <summary>Sets the override only when the cache has none (putting back a lost one); true when it was set.</summary>
    public async Task<bool> RestoreOverrideAsync(SurveySourceKind kind)
    {
        if (!await Db.StringSetAsync(RedisKeys.ActiveSourceOverride, kind.ToString(), when: When.NotExists))
        {
            return false;
        }

        await PublishAsync(kind.StorageName());
        return true;
    }

    public async Task ClearOverrideAsync(SurveySourceKind configured)
    {
        await Db.KeyDeleteAsync(RedisKeys.ActiveSourceOverride);
        await PublishAsync(configured.StorageName());
    }

    private Task PublishAsync(string source) => redis.PublishEventAsync(new StoreEvent(StoreEvent.SourceChanged, source, null, DateTimeOffset.UtcNow));
}
