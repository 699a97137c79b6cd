using SpotifyDashboard.Core.Music;
using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Core.Survey;

namespace SpotifyDashboard.Core.Tests.Storage;

/// <summary>The store's counts by state (two sets kept by the writes themselves) against a recount of the documents, in a real Garnet.</summary>
public sealed class ResponseStateCountTests(GarnetFixture garnet) : IClassFixture<GarnetFixture>
{
    [Fact]
    public async Task CountsFollowAddsEnrichmentsRequeuesAndRemovals()
    {
        var source = Unique();
        var store = new SurveyResponseStore(garnet.Redis);
        var answers = Enumerable.Range(0, 6).Select(i => Answer(source, i)).ToList();
        foreach (var answer in answers)
        {
            await store.AddAsync(answer, announce: false);
        }

        await AssertCountsAsync(store, source, enriched: 0, pending: 6, unmatched: 0);

        await store.UpdateAsync(source, answers[0].Response.Id, r => r with { Enrichment = EnrichmentState.Enriched, Features = new AudioFeatures { Energy = 0.4 } });
        await store.UpdateAsync(source, answers[1].Response.Id, r => r with { Enrichment = EnrichmentState.Unmatched, EnrichmentNote = "No match" });
        await store.UpdateAsync(source, answers[2].Response.Id, r => r with { Enrichment = EnrichmentState.Unmatched, EnrichmentNote = "No match" });
        await AssertCountsAsync(store, source, enriched: 1, pending: 3, unmatched: 2);

        await store.UpdateAsync(source, answers[1].Response.Id, ResponseChanges.Requeue("override queued"));
        await store.RemoveAsync(source, answers[2].Response.Id);
        await store.RemoveAsync(source, answers[0].Response.Id);
        Assert.False(await store.AddAsync(answers[3], announce: false));
        await AssertCountsAsync(store, source, enriched: 0, pending: 4, unmatched: 0);
    }

    [Fact]
    public async Task ReconcilingPutsSetsThatDisagreeRightOnceAndChangesNothingWhenTheyAgree()
    {
        var source = Unique();
        var store = new SurveyResponseStore(garnet.Redis);
        var answers = Enumerable.Range(0, 4).Select(i => Answer(source, i)).ToList();
        foreach (var answer in answers)
        {
            await store.AddAsync(answer, announce: false);
        }

        await store.UpdateAsync(source, answers[0].Response.Id, r => r with { Enrichment = EnrichmentState.Unmatched });
        await store.UpdateAsync(source, answers[1].Response.Id, r => r with { Enrichment = EnrichmentState.Enriched });
        // As data from before the unmatched set, or a key deleted by hand: the sets no longer say what the documents do.
        var db = garnet.Redis.GetDatabase();
        await db.KeyDeleteAsync(RedisKeys.Unmatched(source));
        await db.SetAddAsync(RedisKeys.Pending(source), [answers[1].Response.Id, "gone-long-ago"]);
        Assert.NotEqual(ResponseStateCounts.Count(await store.GetAllAsync(source)), await store.CountStatesAsync(source));

        var fixes = await store.ReconcileStateSetsAsync(source);
        var again = await store.ReconcileStateSetsAsync(source);

        Assert.Equal(3, fixes);
        Assert.Equal(0, again);
        await AssertCountsAsync(store, source, enriched: 1, pending: 2, unmatched: 1);
    }

    [Fact]
    public async Task ReconcilingReadsEveryPageOfALargeClass()
    {
        var source = Unique();
        var store = new SurveyResponseStore(garnet.Redis);
        var count = (SurveyResponseStore.ReadDocumentsPerCommand * 3) + 11;
        var answers = Enumerable.Range(0, count)
            .Select(i => Answer(source, i) with { Enrichment = i % 7 == 0 ? EnrichmentState.Unmatched : EnrichmentState.Enriched })
            .ToList();
        await store.AddBatchAsync(answers);
        // The unmatched set lost: only a read of every document can say which ones belong in it.
        await garnet.Redis.GetDatabase().KeyDeleteAsync(RedisKeys.Unmatched(source));

        var fixes = await store.ReconcileStateSetsAsync(source);

        var unmatched = answers.Count(a => a.Enrichment == EnrichmentState.Unmatched);
        Assert.Equal(unmatched, fixes);
        await AssertCountsAsync(store, source, enriched: count - unmatched, pending: 0, unmatched: unmatched);
    }

    private static async Task AssertCountsAsync(SurveyResponseStore store, string source, long enriched, long pending, long unmatched)
    {
        var recount = ResponseStateCounts.Count(await store.GetAllAsync(source));
        Assert.Equal(new ResponseStateCounts(enriched + pending + unmatched, enriched, pending, unmatched), recount);
        Assert.Equal(recount, await store.CountStatesAsync(source));
    }

    private static string Unique() => $"counts-{Guid.NewGuid():N}";

    private static EnrichedResponse Answer(string source, int i) => new()
    {
        Response = new SurveyResponse
        {
            Id = $"{source}-{i}",
            Source = source,
            SubmittedAt = DateTimeOffset.UnixEpoch.AddMinutes(i),
            Student = $"Handle {i}",
            FavoriteSong = $"Song {i}",
            Artist = $"Artist {i}",
        },
    };
}
