using SpotifyDashboard.Ingestion.Reading;
using SpotifyDashboard.Ingestion.Tests.Infrastructure;

namespace SpotifyDashboard.Ingestion.Tests.Ingest;

/// <summary>
/// Random tables of good, bad, duplicated and resubmitted rows: every row is accounted for, the
/// store agrees with an independent count, and reading again (incrementally or from scratch)
/// changes nothing.
/// </summary>
public sealed class ReconciliationPropertyTests(GarnetFixture garnet) : IngestTestBase(garnet)
{
    private static readonly string[] Names = ["Ana", "Ben", "Chloé", "Dev", "Eve", "Finn", "Gus", "Hana"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public async Task EveryRowIsAcceptedQuarantinedOrADuplicateAndRereadingChangesNothing(int seed)
    {
        var random = new Random(seed);
        var (rows, expectedAccepted, expectedQuarantined, expectedDuplicates) = Generate(random, random.Next(50, 200));
        var services = Services();

        var result = await IngestAsync(services, FormsTable.Of([.. rows]));

        Assert.Equal(rows.Count, result.RowsRead);
        Assert.Equal((expectedAccepted, expectedQuarantined, expectedDuplicates), (result.Accepted, result.Quarantined, result.Duplicates));
        await AssertReconcilesAsync(rows.Count);
        await AssertOneCurrentAnswerPerStudentAsync();
        var snapshot = await SnapshotAsync();

        var again = await IngestAsync(services, FormsTable.Of([.. rows]));
        Assert.Equal(0, again.NewRows);
        Assert.Equal(snapshot, await SnapshotAsync());

        // From scratch (checkpoint lost): the same store, counts and all.
        await Garnet.Redis.GetDatabase().KeyDeleteAsync(Core.Storage.RedisKeys.Checkpoint(Source));
        var full = await IngestAsync(services, FormsTable.Of([.. rows]));
        Assert.True(full.FullRead);
        Assert.Equal((result.Accepted, result.Quarantined, result.Duplicates), (full.Accepted, full.Quarantined, full.Duplicates));
        Assert.Equal(snapshot, await SnapshotAsync());

        // Split in two reads: the incremental path ends where the single read did.
        await Garnet.FlushAsync();
        var cut = random.Next(1, rows.Count);
        await IngestAsync(services, FormsTable.Of([.. rows.Take(cut)]));
        var second = await IngestAsync(services, FormsTable.Of([.. rows]));
        Assert.False(second.FullRead);
        Assert.Equal((result.Accepted, result.Quarantined, result.Duplicates), (second.Accepted, second.Quarantined, second.Duplicates));
        Assert.Equal(snapshot, await SnapshotAsync());
    }

    private async Task AssertOneCurrentAnswerPerStudentAsync()
    {
        var responses = await Responses.GetAllAsync(Source);
        foreach (var student in responses.GroupBy(r => r.Response.Student))
        {
            var current = Assert.Single(student, r => r.Response.SupersededBy is null);
            Assert.Equal(student.Max(r => r.Response.SubmittedAt), current.Response.SubmittedAt);
        }
    }

    private static (List<string[]> Rows, long Accepted, long Quarantined, long Duplicates) Generate(Random random, int count)
    {
        var rows = new List<string[]>();
        var valid = new HashSet<string>();
        var invalid = new HashSet<string>();
        long duplicates = 0;
        var start = new DateTime(2026, 11, 20, 9, 0, 0);
        for (var i = 0; i < count; i++)
        {
            if (rows.Count > 0 && random.NextDouble() < 0.15)
            {
                rows.Add([.. rows[random.Next(rows.Count)]]);
                duplicates++;
                continue;
            }

            // Timestamps are unique per generated row, so two distinct rows never share one.
            var timestamp = start.AddMinutes(i).ToString("M/d/yyyy H:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
            var name = Names[random.Next(Names.Length)];
            var row = random.Next(6) switch
            {
                0 => FormsTable.Row(timestamp, name, "", $"Artist {i}"),
                1 => FormsTable.Row(timestamp, name, $"Song {i}", $"Artist {i}", age: "7"),
                2 => FormsTable.Row(timestamp, name, $"Song {i}", $"Artist {i}", hours: "30"),
                _ => FormsTable.Row(timestamp, name, $"Song {i} 🎵", $"Artist, {i}", hours: random.Next(2) == 0 ? "2,5" : "1-3"),
            };
            (row[6].Length == 0 || row[2] == "7" || row[8] == "30" ? invalid : valid).Add(string.Join('|', row));
            rows.Add(row);
        }

        return (rows, valid.Count, invalid.Count, duplicates);
    }
}
