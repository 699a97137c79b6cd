using SpotifyDashboard.Core.Music;
using SpotifyDashboard.Core.Telemetry;
using SpotifyDashboard.Enrichment.Cache;
using SpotifyDashboard.Enrichment.Tests.Infrastructure;

namespace SpotifyDashboard.Enrichment.Tests.Cache;

/// <summary>The song cache's two layers, each with its own hit rate (<c>cache_hit_rate</c> tiers songs_memory, songs_redis).</summary>
public class SongCacheTierTests
{
    [Fact]
    public async Task ASongAnotherReplicaCachedIsFoundInRedisThenInMemoryAndAnUnknownOneInNeither()
    {
        using var fakes = new MusicServiceFakes();
        await using var writer = new EnrichmentHost(fakes);
        await using var reader = new EnrichmentHost(fakes);
        var known = $"known-{Guid.NewGuid():N}";
        var unknown = $"unknown-{Guid.NewGuid():N}";
        var song = new CachedSong(new Track { Id = "t1", Name = "Song", Artists = ["Artist"] }, new AudioFeatures(), null, DateTimeOffset.UtcNow);
        await writer.Get<SongCache>().SetAsync(known, song, CancellationToken.None);
        var cache = reader.Get<SongCache>();

        // Not in this replica's memory yet: Redis has it, and memory keeps it from then on.
        Assert.Equal("t1", (await cache.GetAsync(known, CancellationToken.None))?.Track?.Id);
        Assert.Equal("t1", (await cache.GetAsync(known, CancellationToken.None))?.Track?.Id);
        Assert.Null(await cache.GetAsync(unknown, CancellationToken.None));

        var hits = reader.Get<CacheHitTelemetry>();
        Assert.Equal(1.0 / 3, hits.HitRate(CacheTiers.SongsMemory)!.Value, precision: 10);
        Assert.Equal(1.0 / 2, hits.HitRate(CacheTiers.SongsRedis));
    }
}
