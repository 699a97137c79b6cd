using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;
using SpotifyDashboard.Enrichment.Options;

namespace SpotifyDashboard.Enrichment.Cache;

/// <summary>
/// Songs in <see cref="HybridCache"/>: memory first, then Redis (<c>sd:track:{key}</c>), so the
/// cache outlives the process. Found songs live <c>TrackTtl</c>, misses <c>MissTtl</c> unless the caller says otherwise.
/// HybridCache fixes the lifetime before its factory runs, so lookups here only read and the
/// lookup writes once it knows whether it found the song.
/// </summary>
public sealed class SongCache(HybridCache cache, IOptionsMonitor<EnrichmentOptions> options)
{
    private static readonly HybridCacheEntryOptions ReadOnly = new() { Flags = HybridCacheEntryFlags.DisableUnderlyingData };

    public ValueTask<CachedSong?> GetAsync(string songKey, CancellationToken cancellationToken) =>
        cache.GetOrCreateAsync<CachedSong?>(songKey, _ => ValueTask.FromResult<CachedSong?>(null), ReadOnly, cancellationToken: cancellationToken);

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
