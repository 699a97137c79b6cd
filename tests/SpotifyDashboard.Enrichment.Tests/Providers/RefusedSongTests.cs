using SpotifyDashboard.Core.Contracts;
using SpotifyDashboard.Core.Music;
using SpotifyDashboard.Enrichment.Providers;
using SpotifyDashboard.Enrichment.Tests.Infrastructure;

namespace SpotifyDashboard.Enrichment.Tests.Providers;

public class RefusedSongTests
{
    [Theory]
    [InlineData(400)]
    [InlineData(404)]
    public async Task ASongSpotifyAlwaysRefusesBecomesUnmatchedWithTheReasonAndIsNotAskedAgain(int status)
    {
        using var fakes = new MusicServiceFakes();
        fakes.Fail(MusicServiceFakes.SearchPath, status);
        await using var host = new EnrichmentHost(fakes);
        var response = EnrichmentHost.Pending(EnrichmentHost.UniqueSong("Refused"), "Artist");

        var first = await host.Enricher.EnrichAsync([response]);
        var callsAfterFirst = fakes.Calls(MusicServiceFakes.SearchPath);
        var second = await host.Enricher.EnrichAsync([response]);

        Assert.Equal(EnrichmentState.Unmatched, first[0].Enrichment);
        Assert.Contains($"({status}", first[0].EnrichmentNote);
        Assert.Equal(1, callsAfterFirst);
        Assert.Equal(callsAfterFirst, fakes.Calls(MusicServiceFakes.SearchPath));
        Assert.Equal(first[0].EnrichmentNote, second[0].EnrichmentNote);
        // The provider itself is fine: other songs are not held back.
        Assert.NotEqual(ProviderState.Cooldown, host.Providers.Get(ProviderNames.Spotify).State);
    }

    [Fact]
    public async Task A403StillKeepsTheSongPending()
    {
        using var fakes = new MusicServiceFakes();
        fakes.Fail(MusicServiceFakes.SearchPath, 403);
        await using var host = new EnrichmentHost(fakes);

        var enriched = await host.Enricher.EnrichAsync([EnrichmentHost.Pending(EnrichmentHost.UniqueSong("Forbidden"), "Artist")]);

        Assert.Equal(EnrichmentState.Pending, enriched[0].Enrichment);
    }
}
