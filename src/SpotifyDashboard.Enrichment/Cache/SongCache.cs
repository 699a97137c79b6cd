using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;
using SpotifyDashboard.Core.Music;
using SpotifyDashboard.Core.Telemetry;
using SpotifyDashboard.Enrichment.Options;

namespace SpotifyDashboard.Enrichment.Cache;

/// <summary>
/// Songs in <see cref="HybridCache"/>: memory first, then Redis (<c>sd:track:{key}</c>), so the
/// cache outlives the process. Found songs live <c>TrackTtl</c>, misses <c>MissTtl</c> unless the caller says otherwise.
/// HybridCache fixes the lifetime before its factory runs, so lookups here only read and the
/// lookup writes once it knows whether it found the song. A read asks memory, then Redis, in two steps, so that each
/// layer's hit rate is known (<c>cache_hit_rate</c>, tiers <c>songs_memory</c> and <c>songs_redis</c>).
/// </summary>
public sealed class SongCache(HybridCache cache, IOptionsMonitor<EnrichmentOptions> options, CacheHitTelemetry hits)
{
    private static readonly HybridCacheEntryOptions FromMemory = new()
    {
        Flags = HybridCacheEntryFlags.DisableUnderlyingData | HybridCacheEntryFlags.DisableDistributedCache,
    };

    // What Redis has is also kept in memory, as a plain read through both layers would.
    private static readonly HybridCacheEntryOptions FromRedis = new()
    {
        Flags = HybridCacheEntryFlags.DisableUnderlyingData | HybridCacheEntryFlags.DisableLocalCacheRead,
    };

    public async ValueTask<CachedSong?> GetAsync(string songKey, CancellationToken cancellationToken)
    {
        var inMemory = await ReadAsync(songKey, FromMemory, cancellationToken);
        hits.Lookup(CacheTiers.SongsMemory, hit: inMemory is not null);
        if (inMemory is not null)
        {
            return inMemory;
        }

        var inRedis = await ReadAsync(songKey, FromRedis, cancellationToken);
        hits.Lookup(CacheTiers.SongsRedis, hit: inRedis is not null);
        return inRedis;
    }

    private ValueTask<CachedSong?> ReadAsync(string songKey, HybridCacheEntryOptions layers, CancellationToken cancellationToken) =>
        cache.GetOrCreateAsync<CachedSong?>(songKey, _ => ValueTask.FromResult<CachedSong?>(null), layers, cancellationToken: cancellationToken);

    public ValueTask SetAsync(string songKey, CachedSong song, CancellationToken cancellationToken) =>
        SetAsync(songKey, song, missTtl: null, cancellationToken);

    /// <param name="missTtl">The lifetime of a miss in place of <c>MissTtl</c>; a found song always lives <c>TrackTtl</c>.</param>
    public ValueTask SetAsync(string songKey, CachedSong song, TimeSpan? missTtl, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var lifetime = song.IsFound ? settings.TrackTtl : missTtl ?? settings.MissTtl;
        var entry = new HybridCacheEntryOptions
        {
            Expiration = lifetime,
            LocalCacheExpiration = lifetime < settings.LocalCacheTtl ? lifetime : settings.LocalCacheTtl,
        };
        return cache.SetAsync(songKey, song, entry, cancellationToken: cancellationToken);
    }

    /// <summary>Forgets a cached miss (a refresh tries those songs again); a cached hit stays.</summary>
    public async ValueTask<bool> ForgetMissAsync(string songKey, CancellationToken cancellationToken)
    {
        var cached = await GetAsync(songKey, cancellationToken);
        if (cached is null || cached.IsFound)
        {
            return false;
        }

        await cache.RemoveAsync(songKey, cancellationToken);
        return true;
    }
}

/// <summary>
/// What the cache keeps per song: the track with its features, or a miss with the reason
/// (<see cref="Track"/> may be set on a miss when the track had no known features).
/// </summary>
public sealed record CachedSong(Track? Track, AudioFeatures? Features, string? Reason, DateTimeOffset CachedAt)
{
    public bool IsFound => Track is not null && Features is not null;
}
