using System.Text.Json;
using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Enrichment.Status;
using StackExchange.Redis;

namespace SpotifyDashboard.Enrichment.Curation;

/// <summary>Overrides in Redis: the api writes them (it may lack Spotify credentials), the worker applies them.</summary>
public sealed class SongOverrideStore(IConnectionMultiplexer redis)
{
    private IDatabase Db => redis.GetDatabase();

    public Task SetAsync(SongOverride songOverride) =>
        Db.HashSetAsync(EnrichmentKeys.Overrides, songOverride.SongKey, JsonSerializer.Serialize(songOverride, StoreJson.Options));

    public async Task<IReadOnlyDictionary<string, SongOverride>> GetAllAsync()
    {
        var entries = await Db.HashGetAllAsync(EnrichmentKeys.Overrides);
        return entries
            .Select(e => JsonSerializer.Deserialize<SongOverride>(e.Value.ToString(), StoreJson.Options)!)
            .ToDictionary(o => o.SongKey, StringComparer.Ordinal);
    }
}
