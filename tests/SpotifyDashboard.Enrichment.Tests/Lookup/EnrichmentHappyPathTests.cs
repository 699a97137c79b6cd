using SpotifyDashboard.Core.Music;
using SpotifyDashboard.Enrichment.Lookup;
using SpotifyDashboard.Enrichment.Tests.Infrastructure;
using SpotifyDashboard.Core.Contracts;

namespace SpotifyDashboard.Enrichment.Tests.Lookup;

public class EnrichmentHappyPathTests
{
    [Fact]
    public async Task EnrichesEachDistinctSongOnceWithTrackAndFeatures()
    {
        using var fakes = new MusicServiceFakes();
        await using var host = new EnrichmentHost(fakes);
        var song = EnrichmentHost.UniqueSong("Happy Song", "The Band");
        var other = EnrichmentHost.UniqueSong("Other Song", "Someone");
        var responses = new[]
        {
            EnrichmentHost.Pending(song, "The Band"),
            EnrichmentHost.Pending(song.ToUpperInvariant() + " (feat. Guest)", "the band "),
            EnrichmentHost.Pending(other, "Someone"),
        };

        var enriched = await host.Enricher.EnrichAsync(responses);

        Assert.All(enriched, r => Assert.Equal(EnrichmentState.Enriched, r.Enrichment));
        var first = enriched[0];
        var expectedId = MusicServiceFakes.TrackIdFor(song, "The Band");
        Assert.Equal(expectedId, first.Track!.Id);
        Assert.Equal(song, first.Track.Name);
        Assert.Equal(["The Band"], first.Track.Artists);
        Assert.Equal("Album", first.Track.Album);
        Assert.Equal("1999-01-01", first.Track.ReleaseDate);
        Assert.Equal($"https://i.scdn.co/image/{expectedId}", first.Track.ImageUrl);
        // A development-mode app's track objects may lack both.
        Assert.Null(first.Track.Isrc);
        Assert.Null(first.Track.Popularity);
        Assert.Equal("reccobeats", first.Track.FeatureSource);
        Assert.Equal(MusicServiceFakes.DanceabilityFor(expectedId), first.Features!.Danceability);
        Assert.Equal(first.Track.DurationMs, first.Features.DurationMs);
        Assert.Null(first.Features.TimeSignature);
        Assert.Equal(first.Track.Id, enriched[1].Track!.Id);

        Assert.Equal(1, fakes.Calls(MusicServiceFakes.TokenPath));
        Assert.Equal(2, fakes.Calls(MusicServiceFakes.SearchPath));
        Assert.Equal(1, fakes.Calls(MusicServiceFakes.ReccoBeatsFeaturesPath));
        var search = fakes.Entries(MusicServiceFakes.SearchPath).First().RequestMessage;
        Assert.Equal("track", search.Query!["type"].ToString());
        Assert.True(int.Parse(search.Query["limit"].ToString()!, System.Globalization.CultureInfo.InvariantCulture) <= 10);
        Assert.Equal($"Bearer {fakes.AppAccessToken}", search.Headers!["Authorization"].ToString());
    }

    [Fact]
    public async Task ASecondRunOverTheSameSongsMakesNoUpstreamCalls()
    {
        using var fakes = new MusicServiceFakes();
        await using var host = new EnrichmentHost(fakes);
        var responses = Enumerable.Range(0, 5).Select(i => EnrichmentHost.Pending(EnrichmentHost.UniqueSong($"Cached {i}"), "Artist")).ToList();
        await host.Enricher.EnrichAsync(responses);
        var callsAfterFirstRun = fakes.AllCalls;

        var again = await host.Enricher.EnrichAsync(responses);

        Assert.True(callsAfterFirstRun >= 7);
        Assert.Equal(callsAfterFirstRun, fakes.AllCalls);
        Assert.All(again, r => Assert.Equal(EnrichmentState.Enriched, r.Enrichment));
    }

    [Fact]
    public async Task TheCacheSurvivesARestartOfTheApp()
    {
        using var fakes = new MusicServiceFakes();
        var song = EnrichmentHost.UniqueSong("Persistent");
        await using (var before = new EnrichmentHost(fakes))
        {
            await before.Enricher.EnrichAsync([EnrichmentHost.Pending(song, "Artist")]);
        }

        var callsBeforeRestart = fakes.AllCalls;

        // A new process: new service provider, empty memory cache, new Redis connection.
        await using var after = new EnrichmentHost(fakes);
        var enriched = await after.Enricher.EnrichAsync([EnrichmentHost.Pending(song, "Artist")]);

        Assert.Equal(EnrichmentState.Enriched, enriched[0].Enrichment);
        Assert.Equal(callsBeforeRestart, fakes.AllCalls);
        Assert.True(await after.Redis.GetDatabase().KeyExistsAsync($"sd:track:{Songs.SongKeyOf(song, "Artist")}"));
    }

    [Fact]
    public async Task SongsWithoutAMatchAreUnmatchedAfterTryingAPlainQuery()
    {
        using var fakes = new MusicServiceFakes();
        fakes.UseSearchResults(MusicServiceFakes.Track(MusicServiceFakes.IdFor("x"), "Completely Different", "Someone Else"));
        await using var host = new EnrichmentHost(fakes);

        var enriched = await host.Enricher.EnrichAsync([EnrichmentHost.Pending(EnrichmentHost.UniqueSong("Obscure"), "Nobody")]);

        Assert.Equal(EnrichmentState.Unmatched, enriched[0].Enrichment);
        Assert.Equal(EnrichmentReasons.NoMatch, enriched[0].EnrichmentNote);
        Assert.Null(enriched[0].Track);
        var queries = fakes.Entries(MusicServiceFakes.SearchPath).Select(e => e.RequestMessage.Query!["q"].ToString()).ToList();
        Assert.Equal(2, queries.Count);
        Assert.StartsWith("track:\"", queries[0]);
        Assert.DoesNotContain("track:", queries[1]);
        Assert.Equal(0, fakes.Calls(MusicServiceFakes.ReccoBeatsFeaturesPath));
    }

    [Fact]
    public async Task ATrackReccoBeatsDoesNotKnowIsUnmatchedWithTheReason()
    {
        using var fakes = new MusicServiceFakes();
        var song = EnrichmentHost.UniqueSong("Unknown Features");
        var id = MusicServiceFakes.TrackIdFor(song, "Artist");
        fakes.UseReccoBeatsFeatures(id);
        await using var host = new EnrichmentHost(fakes);

        var enriched = await host.Enricher.EnrichAsync([EnrichmentHost.Pending(song, "Artist")]);

        Assert.Equal(EnrichmentState.Unmatched, enriched[0].Enrichment);
        Assert.Equal(EnrichmentReasons.NoFeatures(id), enriched[0].EnrichmentNote);
    }

    [Fact]
    public async Task WithoutSpotifyCredentialsSongsWaitAsPendingAndAreEnrichedOnceCredentialsAppear()
    {
        using var fakes = new MusicServiceFakes();
        var response = EnrichmentHost.Pending(EnrichmentHost.UniqueSong("Waiting"), "Artist");
        await using (var without = new EnrichmentHost(fakes, credentials: false))
        {
            var waiting = await without.Enricher.EnrichAsync([response]);

            Assert.Equal(EnrichmentState.Pending, waiting[0].Enrichment);
            Assert.Equal(EnrichmentReasons.NoCredentials, waiting[0].EnrichmentNote);
            Assert.Equal(ProviderState.Unavailable, without.Providers.Get("spotify").State);
            Assert.Equal(0, fakes.AllCalls);
        }

        await using var with = new EnrichmentHost(fakes);
        var enriched = await with.Enricher.EnrichAsync([response]);

        Assert.Equal(EnrichmentState.Enriched, enriched[0].Enrichment);
    }

    [Fact]
    public async Task ConcurrentLookupsOfOneSongFetchItOnce()
    {
        using var fakes = new MusicServiceFakes();
        await using var host = new EnrichmentHost(fakes);
        var lookup = host.Get<ISongFeatureLookup>();
        var song = EnrichmentHost.UniqueSong("Stampede");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => lookup.LookupAsync(song, "Artist")));

        Assert.All(outcomes, o => Assert.Equal(SongOutcomeKind.Found, o.Kind));
        Assert.Equal(1, fakes.Calls(MusicServiceFakes.SearchPath));
    }
}

internal static class Songs
{
    public static string SongKeyOf(string song, string artist) => Enrichment.Songs.SongKey.For(song, artist);
}
