using System.Text.Json;
using SpotifyDashboard.Core.Storage;
using StackExchange.Redis;

namespace SpotifyDashboard.Enrichment.Curation;

/// <summary>Overrides in Redis: the api writes them (it may lack Spotify credentials), the worker applies them.</summary>
public sealed class SongOverrideStore(IConnectionMultiplexer redis)
{
    private IDatabase Db => redis.GetDatabase();

    public Task SetAsync(SongOverride songOverride) =>
        Db.HashSetAsync(RedisKeys.SongOverrides, songOverride.SongKey, JsonSerializer.Serialize(songOverride, DashboardJson.Options));

    /// <summary>Puts back the overrides the cache lacks; one it holds is newer and stays. The answer: how many were put back.</summary>
    public async Task<int> RestoreAsync(IEnumerable<SongOverride> kept)
    {
        var restored = 0;
        foreach (var songOverride in kept)
        {
            if (await Db.HashSetAsync(RedisKeys.SongOverrides, songOverride.SongKey, JsonSerializer.Serialize(songOverride, DashboardJson.Options), When.NotExists))
            {
                restored++;
            }
        }

        return restored;
    }

    public Task<bool> AnyAsync() => Db.KeyExistsAsync(RedisKeys.SongOverrides);

    public async Task<IReadOnlyDictionary<string, SongOverride>> GetAllAsync()
    {
        var entries = await Db.HashGetAllAsync(RedisKeys.SongOverrides);
        return entries
            .Select(e => JsonSerializer.Deserialize<SongOverride>(e.Value.ToString(), DashboardJson.Options)!)
            .ToDictionary(o => o.SongKey, StringComparer.Ordinal);
    }
}

/// <summary>An admin's decision: the song with this key is this Spotify track.</summary>
public sealed record SongOverride(string SongKey, string TrackId, string? Song, string? Artist, DateTimeOffset CreatedAt);
