using System.Text;
using SpotifyDashboard.Core.Music;
using SpotifyDashboard.Core.Privacy;
using SpotifyDashboard.Ingestion.Ingest;
using SpotifyDashboard.Ingestion.Reading;
using SpotifyDashboard.Ingestion.Tests.Infrastructure;
using SpotifyDashboard.Ingestion.Tests.Reading;

namespace SpotifyDashboard.Ingestion.Tests.Ingest;

public sealed class SurveyIngestorTests(GarnetFixture garnet) : IngestTestBase(garnet)
{
    private static readonly Pseudonymizer Pseudonyms = new(IngestionServices.PseudonymKey);

    [Fact]
    public async Task StoresAcceptedRowsAsPendingWithPseudonymsAndQuarantinesTheRest()
    {
        var table = await new CsvFileReader(CsvReadersTests.FixturePath).ReadAsync(CancellationToken.None);

        var result = await IngestAsync(Services(), table);

        Assert.Equal((6, 5, 1, 0), (result.RowsRead, result.Accepted, result.Quarantined, result.Duplicates));
        await AssertReconcilesAsync(6);
        var stored = await Responses.GetAllAsync(Source);
        Assert.All(stored, r => Assert.Equal(EnrichmentState.Pending, r.Enrichment));
        Assert.All(stored, r => Assert.Null(r.Response.Name));
        var ana = stored.Single(r => r.Response.FavoriteSong == "Despacito").Response;
        Assert.Equal(Pseudonyms.HandleFor("Ana María López"), ana.Student);
        Assert.Equal(("Freshman", "Morning", 2.5, 20), (ana.Year, ana.ListeningTime, ana.HoursPerDay, ana.Age));
        Assert.Equal("Seville, Spain", ana.Hometown);
        var chloe = stored.Single(r => r.Response.Artist == "Artist 🎸 Band").Response;
        Assert.Equal("Montréal", chloe.Hometown);
        Assert.True(chloe.Hometown.IsNormalized(NormalizationForm.FormC));
        Assert.Equal("Line one line two", stored.Single(r => r.Response.Artist == "Arijit Singh").Response.FavoriteSong);

        var eve = Assert.Single(await Quarantine.GetAllAsync(Source));
        Assert.Equal(6, eve.Row);
        Assert.Equal(["no song", "age 7 is outside 10–100", "hours per day '30' is more than 24"], eve.Reasons);
        Assert.Equal("Aurora", eve.Raw["Who is the artist?"]);
        Assert.Equal(Pseudonyms.HandleFor("Eve"), eve.Raw["Your name"]);
    }

    [Fact]
    public async Task ReadingTheSameTableAgainChangesNothing()
    {
        var services = Services();
        var table = await new CsvFileReader(CsvReadersTests.FixturePath).ReadAsync(CancellationToken.None);
        await IngestAsync(services, table);
        var before = await SnapshotAsync();

        var again = await IngestAsync(services, table);

        Assert.Equal((0, false), (again.NewRows, again.FullRead));
        Assert.Equal(before, await SnapshotAsync());
        await AssertReconcilesAsync(6);
    }

    [Fact]
    public async Task ProcessesOnlyTheRowsAfterTheCheckpoint()
    {
        var services = Services();
        string[][] first =
        [
            FormsTable.Row("11/20/2026 9:00:00", "Ana", "Despacito", "Luis Fonsi"),
            FormsTable.Row("11/20/2026 9:01:00", "Ben", "Zombie", "The Cranberries"),
        ];
        await IngestAsync(services, FormsTable.Of(first));
        // Enrichment finished meanwhile: an incremental read must not touch this response.
        var ana = (await Responses.GetAllAsync(Source)).Single(r => r.Response.FavoriteSong == "Despacito");
        await Responses.UpdateAsync(Source, ana.Response.Id, r => r with { Enrichment = EnrichmentState.Enriched });

        var result = await IngestAsync(services, FormsTable.Of([.. first,
            FormsTable.Row("11/20/2026 9:02:00", "Cy", "Yellow", "Coldplay"),
            FormsTable.Row("11/20/2026 9:03:00", "Di", "", "Nobody")]));

        Assert.Equal((false, 2, 4L, 3L, 1L), (result.FullRead, result.NewRows, result.RowsRead, result.Accepted, result.Quarantined));
        Assert.Equal(EnrichmentState.Enriched, (await Responses.GetAsync(Source, ana.Response.Id))!.Enrichment);
        Assert.Equal(5, Assert.Single(await Quarantine.GetAllAsync(Source)).Row);
        var checkpoint = await Statuses.GetCheckpointAsync<IngestCheckpoint>(Source);
        Assert.Equal(4, checkpoint!.RowCount);
        await AssertReconcilesAsync(4);
    }

    [Fact]
    public async Task AnEditAboveTheCheckpointRereadsEverythingAndTheStoreMatchesTheSheet()
    {
        var services = Services();
        await IngestAsync(services, FormsTable.Of(
            FormsTable.Row("11/20/2026 9:00:00", "Ana", "Despacito", "Luis Fonsi"),
            FormsTable.Row("11/20/2026 9:01:00", "Ben", "", "The Cranberries"),
            FormsTable.Row("11/20/2026 9:02:00", "Cy", "Yellow", "Coldplay")));
        var oldIds = (await Responses.GetAllAsync(Source)).Select(r => r.Response.Id).ToHashSet();

        // Someone fixed a typo in row 2, filled in row 3's missing song and deleted row 4.
        var result = await IngestAsync(services, FormsTable.Of(
            FormsTable.Row("11/20/2026 9:00:00", "Ana", "Despacito (Remix)", "Luis Fonsi"),
            FormsTable.Row("11/20/2026 9:01:00", "Ben", "Zombie", "The Cranberries")));

        Assert.True(result.FullRead);
        Assert.Equal((2, 2), (result.Removed, result.Added));
        var songs = (await Responses.GetAllAsync(Source)).Select(r => r.Response.FavoriteSong).Order().ToList();
        Assert.Equal(["Despacito (Remix)", "Zombie"], songs);
        Assert.Empty(await Quarantine.GetAllAsync(Source));
        Assert.DoesNotContain((await Responses.GetAllAsync(Source)).Select(r => r.Response.Id), oldIds.Contains);
        Assert.DoesNotContain(await Responses.GetPendingIdsAsync(Source), oldIds.Contains);
        await AssertReconcilesAsync(2);
    }

    [Fact]
    public async Task AfterTheIdsBecameKeyedAReReadLeavesExactlyTheNewIds()
    {
        var rows = new[]
        {
            FormsTable.Row("11/20/2026 9:00:00", "Ana", "Despacito", "Luis Fonsi"),
            FormsTable.Row("11/20/2026 9:01:00", "Ben", "", "The Cranberries"),
            FormsTable.Row("11/20/2026 9:02:00", "Cy", "Yellow", "Coldplay"),
            FormsTable.Row("11/20/2026 9:03:00", "Ana", "Zombie", "The Cranberries"),
        };
        var table = FormsTable.Of(rows);
        var services = Services();
        await IngestAsync(services, table);
        var expected = (await Responses.GetAllAsync(Source)).Select(r => r.Response.Id).Order().ToList();
        await StoreAsTheUnkeyedVersionDidAsync(table);

        var result = await IngestAsync(services, table);

        Assert.True(result.FullRead);
        Assert.Equal((3, 3), (result.Added, result.Removed));
        var stored = await Responses.GetAllAsync(Source);
        Assert.Equal(expected, stored.Select(r => r.Response.Id).Order().ToList());
        Assert.Equal(expected, (await Responses.GetPendingIdsAsync(Source)).Order().ToList());
        Assert.All(stored, r => Assert.True(r.Response.SupersededBy is null || expected.Contains(r.Response.SupersededBy)));
        Assert.DoesNotContain((await Quarantine.GetAllAsync(Source)).Select(q => q.Id), id => id.Length != 32);
        await AssertReconcilesAsync(4);

        var again = await IngestAsync(services, table);
        Assert.Equal((false, 0, 0), (again.FullRead, again.Added, again.Removed));
    }

    /// <summary>Rewrites the store to what the version with unkeyed ids left: the same rows under the old ids and its checkpoint.</summary>
    private async Task StoreAsTheUnkeyedVersionDidAsync(SurveyTable table)
    {
        var legacyIds = table.Rows.Select(r => RowIdentityTests.LegacyRowId(r.Cells[0], r.Cells)).ToList();
        var idsNow = table.Rows.Select(r => RowIdentity.RowId(Pseudonyms, r.Cells[0], r.Cells)).ToList();
        string Legacy(string id) => legacyIds[idsNow.IndexOf(id)];
        foreach (var item in await Responses.GetAllAsync(Source))
        {
            await Responses.RemoveAsync(Source, item.Response.Id);
            var response = item.Response with
            {
                Id = Legacy(item.Response.Id),
                SupersededBy = item.Response.SupersededBy is { } later ? Legacy(later) : null,
            };
            await Responses.AddAsync(item with { Response = response }, announce: false);
        }

        var quarantined = await Quarantine.GetAllAsync(Source);
        await Quarantine.ReplaceAllAsync(Source, [.. quarantined.Select(q => q with { Id = Legacy(q.Id) })]);
        var checkpoint = await Statuses.GetCheckpointAsync<IngestCheckpoint>(Source);
        var chain = RowIdentity.Chain(table.Headers, legacyIds);
        await Statuses.SetCheckpointAsync(Source, checkpoint! with { ChainHash = chain[^1], LastRowId = legacyIds[^1] });
        Assert.Equal(legacyIds.Where(id => id != Legacy(quarantined.Single().Id)).Order(), (await Responses.GetAllAsync(Source)).Select(r => r.Response.Id).Order());
    }

    [Fact]
    public async Task ExactDuplicatesAreCountedButStoredOnce()
    {
        var row = FormsTable.Row("11/20/2026 9:00:00", "Ana", "Despacito", "Luis Fonsi");
        var bad = FormsTable.Row("11/20/2026 9:05:00", "Bo", "", "");

        var result = await IngestAsync(Services(), FormsTable.Of(row, bad, [.. row], [.. bad], [.. row]));

        Assert.Equal((5L, 1L, 1L, 3L), (result.RowsRead, result.Accepted, result.Quarantined, result.Duplicates));
        await AssertReconcilesAsync(5);
    }

    [Fact]
    public async Task AStudentWhoSubmitsAgainCountsOnceWithTheLatestAnswerAndKeepsTheEarlier()
    {
        var services = Services();
        await IngestAsync(services, FormsTable.Of(
            FormsTable.Row("11/20/2026 9:00:00", "Ana López", "Despacito", "Luis Fonsi"),
            FormsTable.Row("11/20/2026 9:01:00", "Ben", "Zombie", "The Cranberries")));

        await IngestAsync(services, FormsTable.Of(
            FormsTable.Row("11/20/2026 9:00:00", "Ana López", "Despacito", "Luis Fonsi"),
            FormsTable.Row("11/20/2026 9:01:00", "Ben", "Zombie", "The Cranberries"),
            FormsTable.Row("11/21/2026 8:00:00", "  ana  lópez ", "Yellow", "Coldplay")));

        var anas = (await Responses.GetAllAsync(Source)).Where(r => r.Response.Student == Pseudonyms.HandleFor("Ana López")).ToList();
        Assert.Equal(2, anas.Count);
        var latest = Assert.Single(anas, r => r.Response.SupersededBy is null);
        Assert.Equal("Yellow", latest.Response.FavoriteSong);
        Assert.Equal(latest.Response.Id, anas.Single(r => r.Response.FavoriteSong == "Despacito").Response.SupersededBy);
        Assert.Null((await Responses.GetAllAsync(Source)).Single(r => r.Response.FavoriteSong == "Zombie").Response.SupersededBy);
    }

    [Fact]
    public async Task QuarantineShowsThePseudonymAndHidesEmailAddresses()
    {
        var row = FormsTable.Row("11/20/2026 9:00:00", "Ana López", "", "Luis Fonsi");
        row[10] = "ana@example.com";

        await IngestAsync(Services(), FormsTable.Of(row));

        var raw = Assert.Single(await Quarantine.GetAllAsync(Source)).Raw;
        Assert.Equal(Pseudonyms.HandleFor("Ana López"), raw["Your name"]);
        Assert.Equal("(hidden)", raw["Email address"]);
        Assert.Equal("Luis Fonsi", raw["Who is the artist?"]);
    }

    [Fact]
    public async Task KeepsRawNamesOnlyWhenStoringNamesIsAllowed()
    {
        var table = FormsTable.Of(FormsTable.Row("11/20/2026 9:00:00", "Ana López", "Despacito", "Luis Fonsi"));

        await IngestAsync(Services(storeNames: true), table);

        var response = Assert.Single(await Responses.GetAllAsync(Source)).Response;
        Assert.Equal("Ana López", response.Name);
        Assert.Equal(Pseudonyms.HandleFor("Ana López"), response.Student);
    }

    [Fact]
    public async Task ReportsTheHeaderMappingFound()
    {
        await IngestAsync(Services(), FormsTable.Of(FormsTable.Row("11/20/2026 9:00:00", "Ana", "Despacito", "Luis Fonsi")));

        var status = await Quarantine.GetIngestionStatusAsync(Source, Statuses);

        Assert.Null(status.Error);
        Assert.Contains(status.Columns!.Matches, m => m is { Field: "Artist", Header: "Who is the artist?" });
        Assert.Equal(["Email address"], status.Columns.Unmapped);
    }
}
