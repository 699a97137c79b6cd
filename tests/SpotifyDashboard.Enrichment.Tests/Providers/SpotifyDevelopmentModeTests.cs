using SpotifyDashboard.Core.Contracts;
using SpotifyDashboard.Core.Music;
using SpotifyDashboard.Enrichment.Providers;
using SpotifyDashboard.Enrichment.Tests.Infrastructure;

namespace SpotifyDashboard.Enrichment.Tests.Providers;

/// <summary>What a development-mode app gets from Spotify: bare track objects, search limited to 10, per-request 403s.</summary>
public class SpotifyDevelopmentModeTests
{
    [Fact]
    public async Task TracksWithoutPopularityExternalIdsOrMarketsAreMatchedAndEnriched()
    {
        using var fakes = new MusicServiceFakes();
        var song = EnrichmentHost.UniqueSong("Bare Song");
        var id = MusicServiceFakes.FreshId();
        fakes.UseSearchResults(MusicServiceFakes.BareTrack(id, song, "Bare Artist"));
        await using var host = new EnrichmentHost(fakes);

        var enriched = await host.Enricher.EnrichAsync([EnrichmentHost.Pending(song, "Bare Artist")]);

        Assert.Equal(EnrichmentState.Enriched, enriched[0].Enrichment);
        Assert.Equal(id, enriched[0].Track!.Id);
        Assert.Null(enriched[0].Track!.Popularity);
        Assert.Null(enriched[0].Track!.Isrc);
        Assert.Null(enriched[0].Track!.ImageUrl);
        Assert.Equal(210_000, enriched[0].Features!.DurationMs);
    }

    [Fact]
    public async Task AnIsrcIsKeptWhenSpotifySendsOne()
    {
        using var fakes = new MusicServiceFakes();
        var song = EnrichmentHost.UniqueSong("Isrc Song");
        var id = MusicServiceFakes.FreshId();
        fakes.UseSearchResults(new { id, name = song, artists = new[] { new { name = "Artist" } }, external_ids = new { isrc = "USUM71703861" } });
        await using var host = new EnrichmentHost(fakes);

        var enriched = await host.Enricher.EnrichAsync([EnrichmentHost.Pending(song, "Artist")]);

        Assert.Equal("USUM71703861", enriched[0].Track!.Isrc);
    }

    [Fact]
    public async Task SearchNeverAsksForMoreThanTenResults()
    {
        using var fakes = new MusicServiceFakes();
        fakes.UseSearchResults();
        await using var host = new EnrichmentHost(fakes);

        // No match for the fielded query, so the plain one is asked too.
        await host.Enricher.EnrichAsync([EnrichmentHost.Pending(EnrichmentHost.UniqueSong("Limited"), "Artist")]);

        Assert.Equal(2, fakes.Calls(MusicServiceFakes.SearchPath));
        Assert.All(fakes.Entries(MusicServiceFakes.SearchPath), e => Assert.InRange(int.Parse(e.RequestMessage.Query!["limit"].ToString()!, System.Globalization.CultureInfo.InvariantCulture), 1, 10));
    }

    [Theory]
    [InlineData(10, 200)]
    [InlineData(11, 400)]
    [InlineData(50, 400)]
    public async Task TheFakeRefusesASearchLimitAboveTenAsSpotifyDoes(int limit, int expected)
    {
        using var fakes = new MusicServiceFakes();
        using var http = new HttpClient();

        var response = await http.GetAsync($"{fakes.SpotifyApiBaseUrl}/search?q=x&type=track&limit={limit}");

        Assert.Equal(expected, (int)response.StatusCode);
    }

    [Fact]
    public async Task AForbiddenRequestAmongAnsweredOnesKeepsItsSongPendingAndTheAppServed()
    {
        using var fakes = new MusicServiceFakes();
        var refused = EnrichmentHost.UniqueSong("Refused Alone");
        fakes.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath(MusicServiceFakes.SearchPath).WithParam("q", new WireMock.Matchers.WildcardMatcher($"*{refused}*")))
            .AtPriority(1)
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(403).WithBody("""{"error":{"status":403,"message":"Forbidden"}}"""));
        await using var host = new EnrichmentHost(fakes, new() { ["Enrichment:MaxParallelSearches"] = "1" });
        var others = Enumerable.Range(0, 5).Select(i => EnrichmentHost.Pending(EnrichmentHost.UniqueSong($"Served {i}"), "Artist"));

        var enriched = await host.Enricher.EnrichAsync([EnrichmentHost.Pending(refused, "Artist"), .. others]);

        Assert.Equal(EnrichmentState.Pending, enriched[0].Enrichment);
        Assert.Contains("403", enriched[0].EnrichmentNote);
        Assert.All(enriched.Skip(1), r => Assert.Equal(EnrichmentState.Enriched, r.Enrichment));
        Assert.NotEqual(ProviderState.Refused, host.Providers.Get(ProviderNames.Spotify).State);
    }
}
