using System.Text.Json;
using SpotifyDashboard.Core.Music;
using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Core.Survey;
using StackExchange.Redis;

namespace SpotifyDashboard.Core.Tests.Storage;

public class SurveyResponseBatchTests(GarnetFixture garnet) : IClassFixture<GarnetFixture>
{
    private static readonly DateTimeOffset Start = new(2026, 9, 1, 8, 0, 0, TimeSpan.Zero);

    private static EnrichedResponse Response(string source, int i, EnrichmentState state) => new()
    {
        Response = new SurveyResponse
        {
            Id = $"{source}-{i:D5}",
            Source = source,
            SubmittedAt = Start.AddMinutes(i),
            Student = $"Handle {i}",
            FavoriteSong = $"Song {i}",
            Artist = $"Artist {i}",
        },
        Enrichment = state,
        Features = state == EnrichmentState.Enriched ? new AudioFeatures { Energy = i / 10_000.0 } : null,
    };

    [Fact]
    public async Task ABatchLargerThanOneCommandIsStoredIndexedAndTrackedAsPending()
    {
        var count = (SurveyResponseStore.BatchDocumentsPerCommand * 2) + 37;
        var items = Enumerable.Range(0, count)
            .Select(i => Response("batch", i, i % 3 == 0 ? EnrichmentState.Pending : EnrichmentState.Enriched))
            .ToList();
        var store = new SurveyResponseStore(garnet.Redis);

        await store.AddBatchAsync(items);

        Assert.Equal(count, await store.CountAsync("batch"));
        var all = await store.GetAllAsync("batch");
        Assert.Equal(items.Select(i => i.Response.Id), all.Select(r => r.Response.Id));
        Assert.Equal(items[^1].Features!.Energy, all[^1].Features!.Energy);
        var pending = (await store.GetPendingIdsAsync("batch")).Order(StringComparer.Ordinal);
        Assert.Equal(items.Where(i => i.Enrichment == EnrichmentState.Pending).Select(i => i.Response.Id), pending);
    }

    [Fact]
    public async Task ABatchIsAnnouncedWithOneEvent()
    {
        var store = new SurveyResponseStore(garnet.Redis);
        var events = await EventCollector.StartAsync(garnet.Redis);

        await store.AddBatchAsync([.. Enumerable.Range(0, 40).Select(i => Response("announced", i, EnrichmentState.Enriched))]);

        var seen = await events.UntilSentinelAsync(store);
        var added = Assert.Single(seen, e => e.Type == StoreEvent.ResponseAdded);
        Assert.Equal("announced", added.Source);
    }

    [Fact]
    public async Task AReaderSeesNoneOrAllOfABatch()
    {
        var store = new SurveyResponseStore(garnet.Redis);
        var items = Enumerable.Range(0, 3_000).Select(i => Response("atomic", i, EnrichmentState.Enriched)).ToList();
        var observed = new List<long>();
        var write = store.AddBatchAsync(items);
        while (!write.IsCompleted)
        {
            observed.Add(await store.CountAsync("atomic"));
        }

        await write;
        observed.Add(await store.CountAsync("atomic"));

        Assert.All(observed, c => Assert.True(c is 0 or 3_000, $"a reader saw {c} of 3000 responses"));
        Assert.Equal(3_000, observed[^1]);
    }

    [Fact]
    public async Task ResponsesOfTwoSourcesAreRefused()
    {
        var store = new SurveyResponseStore(garnet.Redis);

        await Assert.ThrowsAsync<ArgumentException>(() =>
            store.AddBatchAsync([Response("one", 1, EnrichmentState.Enriched), Response("two", 2, EnrichmentState.Enriched)]));
        Assert.Equal(0, await store.CountAsync("one"));
    }
}
