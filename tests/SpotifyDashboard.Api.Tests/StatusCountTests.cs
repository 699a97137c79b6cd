using SpotifyDashboard.Api.Tests.Admin;

namespace SpotifyDashboard.Api.Tests;

/// <summary><c>/api/status</c> counts kept as the data changes (no scan per request) against a real recount of the store.</summary>
public class StatusCountTests(GarnetServerFixture garnet) : IClassFixture<GarnetServerFixture>
{
    /// <summary>Far away: only the store's events (and the status's own short refresh) can make the api notice in time.</summary>
    private static readonly Dictionary<string, string> NoReload = new() { ["ClassData:ReloadInterval"] = "00:30:00" };

    private const string LateRows =
        "\"9/3/2026 09:00:00\",\"Ed\",\"S-1\",\"L-1\",\"ed@example.edu\",\"Yellow\",\"Coldplay\",\"Music\",\"Junior\",\"23\",\"Town\"\r\n" +
        "\"9/3/2026 09:01:00\",\"Flo\",\"S-2\",\"L-2\",\"flo@example.edu\",\"\",\"Nobody Again\",\"Art\",\"Junior\",\"24\",\"Town\"\r\n";

    [Fact]
    public async Task StatusCountsEqualARecountAfterAddsEnrichmentsAndQuarantines()
    {
        await garnet.FlushAsync();
        await IngestAsync(UploadCsv.Good);
        await using var factory = new AnalysisApiFactory(garnet.ConnectionString, SurveySourceKind.Csv, settings: NoReload);
        using var client = factory.CreateClient();
        await AssertStatusMatchesARecountAsync(client);

        // Enrichments, as the worker writes them (compare-and-set) and announces them.
        var store = new SurveyResponseStore(garnet.Redis);
        var answers = await store.GetAllAsync("csv");
        var song = new DemoClassGenerator(TestSnapshots.DemoSeed).Generate(0).Song;
        await store.UpdateAsync("csv", answers[0].Response.Id, r => r with { Enrichment = EnrichmentState.Enriched, Track = song.ToTrack(), Features = song.Features });
        await store.UpdateAsync("csv", answers[1].Response.Id, r => r with { Enrichment = EnrichmentState.Unmatched, EnrichmentNote = "No match" });
        await store.PublishAsync(new StoreEvent(StoreEvent.ResponsesEnriched, "csv", null, DateTimeOffset.UtcNow));
        await AssertStatusMatchesARecountAsync(client);

        // The form downloaded again later: one more answer and one more row without a song.
        await IngestAsync(UploadCsv.Good + LateRows);
        var status = await AssertStatusMatchesARecountAsync(client);

        Assert.Equal(4, status.Responses);
        Assert.Equal(2, status.Sources.Single().Quarantined);
        Assert.Equal((1, 2, 1), (status.Enrichment!.Enriched, status.Enrichment.Pending, status.Enrichment.Unmatched));
    }

    /// <summary>Waits (10 s at most) until <c>/api/status</c> agrees with counting every stored answer and quarantined row.</summary>
    private async Task<StatusReport> AssertStatusMatchesARecountAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var status = await ApiJson.OkAsync<StatusReport>(await client.GetAsync("/api/status"));
            var all = await new SurveyResponseStore(garnet.Redis).GetAllAsync("csv");
            var recount = ResponseStateCounts.Count(all);
            var quarantined = await new QuarantineStore(garnet.Redis).CountAsync("csv");
            var source = status.Sources.SingleOrDefault();
            var agrees = status.Responses == recount.Stored
                && status.Enrichment is { } e && (e.Enriched, e.Pending, e.Unmatched) == (recount.Enriched, recount.Pending, recount.Unmatched)
                && source is not null && source.Quarantined == quarantined && source.Accepted == recount.Stored;
            if (agrees)
            {
                Assert.Equal(source!.RowsRead, source.Accepted + source.Quarantined + source.Duplicates);
                // The store's counters, which the worker's gauges read, say the same.
                Assert.Equal(recount, await new SurveyResponseStore(garnet.Redis).CountStatesAsync("csv"));
                return status;
            }

            Assert.True(DateTime.UtcNow < deadline, $"/api/status still says {status.Responses} answers {status.Enrichment} and {source?.Quarantined} quarantined; the store has {recount} and {quarantined}.");
            await Task.Delay(50);
        }
    }

    private Task IngestAsync(string csv) => CsvIngestion.IngestAsync(garnet.Redis, csv, storeNames: false);
}
