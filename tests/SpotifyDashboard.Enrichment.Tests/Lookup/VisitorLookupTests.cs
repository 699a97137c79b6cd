using SpotifyDashboard.Enrichment.Lookup;
using SpotifyDashboard.Enrichment.Tests.Infrastructure;
using SpotifyDashboard.Enrichment.Songs;

namespace SpotifyDashboard.Enrichment.Tests.Lookup;

/// <summary>Songs anonymous visitors ask about (the api's predict-major and twins) must not fill the cache with day-long misses.</summary>
public class VisitorLookupTests
{
    [Fact]
    public async Task AVisitorsMissIsCachedForMinutesNotADay()
    {
        using var fakes = new MusicServiceFakes();
        fakes.UseSearchResults(MusicServiceFakes.Track(MusicServiceFakes.IdFor("x"), "Completely Different", "Someone Else"));
        await using var host = new EnrichmentHost(fakes);
        var song = EnrichmentHost.UniqueSong("Made Up");

        var outcome = await host.Get<ISongFeatureLookup>().LookupForVisitorAsync(song, "Nobody");

        Assert.Equal(SongOutcomeKind.Unmatched, outcome.Kind);
        var ttl = await TimeToLiveAsync(host, song, "Nobody");
        Assert.InRange(ttl, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));
    }

    [Fact]
    public async Task TheWorkersMissIsStillCachedForADay()
    {
        using var fakes = new MusicServiceFakes();
        fakes.UseSearchResults(MusicServiceFakes.Track(MusicServiceFakes.IdFor("x"), "Completely Different", "Someone Else"));
        await using var host = new EnrichmentHost(fakes);
        var song = EnrichmentHost.UniqueSong("Made Up");

        await host.Get<ISongFeatureLookup>().LookupAsync(song, "Nobody");

        Assert.InRange(await TimeToLiveAsync(host, song, "Nobody"), TimeSpan.FromHours(23), TimeSpan.FromHours(24));
    }

    [Fact]
    public async Task AVisitorsHitIsCachedForThirtyDays()
    {
        using var fakes = new MusicServiceFakes();
        await using var host = new EnrichmentHost(fakes);
        var song = EnrichmentHost.UniqueSong("Real Hit", "The Band");

        var outcome = await host.Get<ISongFeatureLookup>().LookupForVisitorAsync(song, "The Band");

        Assert.Equal(SongOutcomeKind.Found, outcome.Kind);
        Assert.InRange(await TimeToLiveAsync(host, song, "The Band"), TimeSpan.FromDays(29), TimeSpan.FromDays(30));
    }

    [Fact]
    public async Task TheVisitorMissLifetimeIsASetting()
    {
        using var fakes = new MusicServiceFakes();
        fakes.UseSearchResults(MusicServiceFakes.Track(MusicServiceFakes.IdFor("x"), "Completely Different", "Someone Else"));
        await using var host = new EnrichmentHost(fakes, new() { ["Enrichment:VisitorMissTtl"] = "00:01:00" });
        var song = EnrichmentHost.UniqueSong("Made Up");

        await host.Get<ISongFeatureLookup>().LookupForVisitorAsync(song, "Nobody");

        Assert.InRange(await TimeToLiveAsync(host, song, "Nobody"), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1));
    }

    private static async Task<TimeSpan> TimeToLiveAsync(EnrichmentHost host, string title, string artist)
    {
        var ttl = await host.Redis.GetDatabase().KeyTimeToLiveAsync($"sd:track:{SongKey.For(title, artist)}");
        Assert.NotNull(ttl);
        return ttl.Value;
    }
}
