using System.Text.Json;
using SpotifyDashboard.Core.Contracts;
using SpotifyDashboard.Core.Music;
using SpotifyDashboard.Enrichment.Lookup;
using SpotifyDashboard.Enrichment.Providers;
using SpotifyDashboard.Enrichment.Tests.Infrastructure;
using SpotifyDashboard.ServiceDefaults.Http;

namespace SpotifyDashboard.Enrichment.Tests.Providers;

/// <summary>ReccoBeats as it really answers: it wants a User-Agent, leaves tracks out, keeps its own order, sends key -1, refuses some ids.</summary>
public class ReccoBeatsAnswerTests
{
    [Fact]
    public async Task EveryRequestNamesTheProductItsVersionAndTheConfiguredAddress()
    {
        using var fakes = new MusicServiceFakes();
        await using var host = new EnrichmentHost(fakes, new() { ["UserAgent:ContactUrl"] = "https://school.example/dashboard" });

        await host.Enricher.EnrichAsync([EnrichmentHost.Pending(EnrichmentHost.UniqueSong("Named"), "Artist")]);

        Assert.Equal(1, fakes.Calls(MusicServiceFakes.ReccoBeatsFeaturesPath));
        Assert.All(fakes.Server.LogEntries, entry => Assert.Equal(
            $"SpotifyDashboard/{ProductUserAgent.ProductVersion} (+https://school.example/dashboard)",
            entry.RequestMessage.Headers!["User-Agent"].ToString()));
    }

    [Fact]
    public async Task WithoutAUserAgentReccoBeatsRefusesAndTheSongsWait()
    {
        using var fakes = new MusicServiceFakes();
        await using var host = new EnrichmentHost(fakes, userAgent: false);

        var enriched = await host.Enricher.EnrichAsync([EnrichmentHost.Pending(EnrichmentHost.UniqueSong("Anonymous"), "Artist")]);

        Assert.Equal(EnrichmentState.Pending, enriched[0].Enrichment);
        Assert.Contains("403", enriched[0].EnrichmentNote, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RowsInItsOwnOrderGoToTheTracksTheyName()
    {
        using var fakes = new MusicServiceFakes();
        await using var host = new EnrichmentHost(fakes, credentials: false);
        string[] ids = [.. Enumerable.Range(0, 30).Select(_ => MusicServiceFakes.FreshId())];

        var outcomes = await host.Get<ITrackFeatureLookup>().LookupTracksForVisitorAsync(ids);

        Assert.NotEqual(ids, AnsweredIds(fakes));
        Assert.All(ids, id =>
        {
            Assert.Equal(SongOutcomeKind.Found, outcomes[id].Kind);
            Assert.Equal(MusicServiceFakes.DanceabilityFor(id), outcomes[id].Features!.Danceability);
        });
    }

    [Fact]
    public async Task KeyMinusOneIsNoKeyNotAPitchClass()
    {
        using var fakes = new MusicServiceFakes();
        await using var host = new EnrichmentHost(fakes, credentials: false);
        var noKey = FreshIds(4, id => MusicServiceFakes.ReccoBeatsKeyFor(id) is null);
        var withKey = FreshIds(4, id => MusicServiceFakes.ReccoBeatsKeyFor(id) is not null);

        var outcomes = await host.Get<ITrackFeatureLookup>().LookupTracksForVisitorAsync([.. noKey, .. withKey]);

        Assert.Contains("\"key\":-1", ResponseBodies(fakes).Single(), StringComparison.Ordinal);
        Assert.All(noKey, id => Assert.Null(outcomes[id].Features!.Key));
        Assert.All(withKey, id => Assert.Equal(MusicServiceFakes.ReccoBeatsKeyFor(id), outcomes[id].Features!.Key));
    }

    [Fact]
    public async Task ATrackItLeavesOutSettlesWithAReasonAndIsNotAskedAgain()
    {
        using var fakes = new MusicServiceFakes();
        await using var host = new EnrichmentHost(fakes);
        var known = EnrichmentHost.Pending(EnrichmentHost.UniqueSong("Analysed"), "Artist");
        var left = EnrichmentHost.Pending(EnrichmentHost.UniqueSong("Never Analysed", knownToReccoBeats: false), "Artist");
        var leftId = MusicServiceFakes.TrackIdFor(left.Response.FavoriteSong, "Artist");

        var first = await host.Enricher.EnrichAsync([known, left]);
        var callsAfterFirst = fakes.Calls(MusicServiceFakes.ReccoBeatsFeaturesPath);
        var second = await host.Enricher.EnrichAsync([known, left]);

        Assert.Equal(EnrichmentState.Enriched, first[0].Enrichment);
        Assert.Equal(EnrichmentState.Unmatched, first[1].Enrichment);
        Assert.Equal(EnrichmentReasons.NoFeatures(leftId), first[1].EnrichmentNote);
        Assert.Equal(EnrichmentState.Unmatched, second[1].Enrichment);
        Assert.Equal(callsAfterFirst, fakes.Calls(MusicServiceFakes.ReccoBeatsFeaturesPath));
        Assert.Equal(ProviderState.Ok, host.Providers.Get(ProviderNames.ReccoBeats).State);
    }

    [Fact]
    public async Task ARefusedBatchIsSplitUntilTheRefusedSongIsAloneAndNeverOpensTheBreaker()
    {
        using var fakes = new MusicServiceFakes();
        await using var host = new EnrichmentHost(fakes, new() { ["ReccoBeats:Limits:FailuresToBreak"] = "2" });

        for (var round = 0; round < 3; round++)
        {
            var songs = Enumerable.Range(0, 9).Select(i => EnrichmentHost.Pending(EnrichmentHost.UniqueSong($"Fine {round}.{i}"), "Artist")).ToList();
            var refused = EnrichmentHost.Pending(EnrichmentHost.UniqueSong($"Refused {round}"), "Artist");
            var refusedId = MusicServiceFakes.TrackIdFor(refused.Response.FavoriteSong, "Artist");
            fakes.ReccoBeatsRefuses(refusedId);

            var enriched = await host.Enricher.EnrichAsync([.. songs, refused]);

            Assert.All(enriched.Take(9), r =>
            {
                Assert.Equal(EnrichmentState.Enriched, r.Enrichment);
                Assert.Equal(MusicServiceFakes.DanceabilityFor(r.Track!.Id), r.Features!.Danceability);
            });
            Assert.Equal(EnrichmentState.Unmatched, enriched[9].Enrichment);
            Assert.Equal(EnrichmentReasons.FeaturesRefused(refusedId, 400, "Bad Request"), enriched[9].EnrichmentNote);
        }

        var status = host.Providers.Get(ProviderNames.ReccoBeats);
        Assert.Equal(ProviderState.Ok, status.State);
        Assert.Null(status.LastError);
    }

    private static string[] FreshIds(int count, Func<string, bool> wanted) =>
        [.. Enumerable.Range(0, int.MaxValue).Select(_ => MusicServiceFakes.FreshId()).Where(wanted).Take(count)];

    private static IEnumerable<string> ResponseBodies(MusicServiceFakes fakes) =>
        fakes.Entries(MusicServiceFakes.ReccoBeatsFeaturesPath).Select(e => e.ResponseMessage.BodyData!.BodyAsString!);

    /// <summary>The Spotify ids of ReccoBeats' rows, in the order it sent them.</summary>
    private static string[] AnsweredIds(MusicServiceFakes fakes) =>
        [.. ResponseBodies(fakes).SelectMany(body => JsonDocument.Parse(body).RootElement.GetProperty("content").EnumerateArray()
            .Select(row => row.GetProperty("href").GetString()!.Split('/')[^1]))];
}
