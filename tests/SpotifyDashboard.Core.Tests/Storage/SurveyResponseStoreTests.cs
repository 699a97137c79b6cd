using SpotifyDashboard.Core.Music;
using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Core.Survey;
using StackExchange.Redis;

namespace SpotifyDashboard.Core.Tests.Storage;

public class SurveyResponseStoreTests(GarnetFixture garnet) : IClassFixture<GarnetFixture>
{
    private static readonly DateTimeOffset Start = new(2026, 9, 1, 8, 0, 0, TimeSpan.Zero);

    private static EnrichedResponse Response(string source, int i, EnrichmentState state = EnrichmentState.Enriched) => new()
    {
        Response = new SurveyResponse
        {
            Id = $"{source}-{i}",
            Source = source,
            SubmittedAt = Start.AddMinutes(i),
            Student = $"Handle {i}",
            FavoriteSong = $"Song {i}",
            Artist = $"Artist {i}",
        },
        Enrichment = state,
        Features = state == EnrichmentState.Enriched ? new AudioFeatures { Energy = i / 100.0 } : null,
    };

    [Fact]
    public async Task PagesAreNewestFirst()
    {
        var store = new SurveyResponseStore(garnet.Redis);
        foreach (var i in new[] { 3, 1, 4, 0, 2 })
        {
            await store.AddAsync(Response("paging", i));
        }

        var firstPage = await store.GetPageAsync("paging", offset: 0, limit: 2);
        var secondPage = await store.GetPageAsync("paging", offset: 2, limit: 2);

        Assert.Equal(["paging-4", "paging-3"], firstPage.Select(r => r.Response.Id));
        Assert.Equal(["paging-2", "paging-1"], secondPage.Select(r => r.Response.Id));
        Assert.Equal(5, await store.CountAsync("paging"));
        Assert.Equal(0.04, firstPage[0].Features!.Energy);
    }

    [Fact]
    public async Task AddingTheSameIdTwiceKeepsOne()
    {
        var store = new SurveyResponseStore(garnet.Redis);
        Assert.True(await store.AddAsync(Response("idem", 1)));
        Assert.False(await store.AddAsync(Response("idem", 1)));
        Assert.Equal(1, await store.CountAsync("idem"));
    }

    [Fact]
    public async Task SourcesNeverMix()
    {
        var store = new SurveyResponseStore(garnet.Redis);
        await store.AddAsync(Response("mix-a", 1));
        await store.AddAsync(Response("mix-b", 2));

        var a = await store.GetAllAsync("mix-a");
        Assert.Equal(["mix-a-1"], a.Select(r => r.Response.Id));
    }

    [Fact]
    public async Task PendingResponsesAreIndexedUntilEnriched()
    {
        var store = new SurveyResponseStore(garnet.Redis);
        var pending = Response("pend", 1, EnrichmentState.Pending);
        await store.AddAsync(pending);
        await store.AddAsync(Response("pend", 2));

        Assert.Equal(["pend-1"], await store.GetPendingIdsAsync("pend"));

        Assert.Equal(ResponseUpdateOutcome.Updated, await store.UpdateAsync("pend", "pend-1", r => r with { Enrichment = EnrichmentState.Unmatched }));
        Assert.Empty(await store.GetPendingIdsAsync("pend"));
        Assert.Equal(EnrichmentState.Unmatched, (await store.GetAsync("pend", "pend-1"))!.Enrichment);
    }

    [Fact]
    public async Task NewResponsesAreAnnouncedOnTheEventsChannel()
    {
        var store = new SurveyResponseStore(garnet.Redis);
        var received = new TaskCompletionSource<string>();
        var subscriber = garnet.Redis.GetSubscriber();
        await subscriber.SubscribeAsync(RedisChannel.Literal(RedisKeys.EventsChannel), (_, message) => received.TrySetResult(message!));

        await store.AddAsync(Response("events", 9));

        var message = await received.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Contains("\"response-added\"", message);
        Assert.Contains("events-9", message);
    }
}
