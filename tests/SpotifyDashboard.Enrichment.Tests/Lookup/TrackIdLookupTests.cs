using System.Text.Json;
using SpotifyDashboard.Enrichment.Lookup;
using SpotifyDashboard.Enrichment.Tests.Infrastructure;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace SpotifyDashboard.Enrichment.Tests.Lookup;

/// <summary>Tracks a visitor names by Spotify id (the api's compare): features by id, no search, cached by id.</summary>
public class TrackIdLookupTests
{
    private static string[] UniqueIds(int count) => [.. Enumerable.Range(0, count).Select(_ => MusicServiceFakes.FreshId())];

    private static void UseTrackNames(MusicServiceFakes fakes) =>
        fakes.Server.Given(Request.Create().WithPath(new WildcardMatcher("/v1/tracks/*")).UsingGet()).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody(request =>
                {
                    var id = request.Path.Split('/')[^1];
                    return JsonSerializer.Serialize(MusicServiceFakes.Track(id, $"Song {id[..4]}", "The Band"));
                }));

    [Fact]
    public async Task FeaturesComeByIdInOneBatchWithoutASearch()
    {
        using var fakes = new MusicServiceFakes();
        UseTrackNames(fakes);
        await using var host = new EnrichmentHost(fakes);
        var ids = UniqueIds(3);

        var outcomes = await host.Get<ITrackFeatureLookup>().LookupTracksForVisitorAsync(ids);

        Assert.All(ids, id =>
        {
            var outcome = outcomes[id];
            Assert.Equal(SongOutcomeKind.Found, outcome.Kind);
            Assert.Equal(id, outcome.Track!.Id);
            Assert.Equal($"Song {id[..4]}", outcome.Track.Name);
            Assert.Equal(["The Band"], outcome.Track.Artists);
            Assert.Equal(MusicServiceFakes.DanceabilityFor(id), outcome.Features!.Danceability);
        });
        var batch = Assert.Single(fakes.Entries(MusicServiceFakes.ReccoBeatsFeaturesPath));
        Assert.Contains(string.Join(',', ids), Uri.UnescapeDataString(batch.RequestMessage.Url));
        Assert.Equal(0, fakes.Calls(MusicServiceFakes.SearchPath));
    }

    [Fact]
    public async Task TheSameTracksAgainMakeNoUpstreamCall()
    {
        using var fakes = new MusicServiceFakes();
        UseTrackNames(fakes);
        await using var host = new EnrichmentHost(fakes);
        var ids = UniqueIds(2);
        var unknown = MusicServiceFakes.IdFor(Guid.NewGuid().ToString());
        fakes.UseReccoBeatsFeatures(unknown);
        var lookup = host.Get<ITrackFeatureLookup>();
        await lookup.LookupTracksForVisitorAsync([.. ids, unknown]);
        var calls = fakes.AllCalls;

        var again = await lookup.LookupTracksForVisitorAsync([.. ids, unknown]);

        Assert.Equal(calls, fakes.AllCalls);
        Assert.All(ids, id => Assert.Equal(SongOutcomeKind.Found, again[id].Kind));
        Assert.Equal(SongOutcomeKind.Unmatched, again[unknown].Kind);
    }

    [Fact]
    public async Task AnUnknownIdIsAMissCachedForMinutes()
    {
        using var fakes = new MusicServiceFakes();
        await using var host = new EnrichmentHost(fakes);
        var unknown = MusicServiceFakes.IdFor(Guid.NewGuid().ToString());
        fakes.UseReccoBeatsFeatures(unknown);

        var outcomes = await host.Get<ITrackFeatureLookup>().LookupTracksForVisitorAsync([unknown]);

        Assert.Equal(SongOutcomeKind.Unmatched, outcomes[unknown].Kind);
        var ttl = await host.Redis.GetDatabase().KeyTimeToLiveAsync($"sd:track:{SongFeatureLookup.TrackIdKey(unknown)}");
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));
    }

    [Fact]
    public async Task FiftyIdsGoInTwoBatches()
    {
        using var fakes = new MusicServiceFakes();
        await using var host = new EnrichmentHost(fakes);
        var ids = UniqueIds(50);

        var outcomes = await host.Get<ITrackFeatureLookup>().LookupTracksForVisitorAsync(ids);

        Assert.All(ids, id => Assert.Equal(SongOutcomeKind.Found, outcomes[id].Kind));
        Assert.Equal(2, fakes.Calls(MusicServiceFakes.ReccoBeatsFeaturesPath));
    }
}
