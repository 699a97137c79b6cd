using System.Globalization;
using System.IO.Compression;
using Microsoft.Extensions.DependencyInjection;
using SpotifyDashboard.Ingestion.Ingest;
using SpotifyDashboard.Ingestion.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace SpotifyDashboard.Ingestion.Tests.Ingest;

/// <summary>
/// The Forms "Download responses (.csv)" file as Google writes it (every field quoted, <c>GMT</c> timestamps in the
/// form's language, <c>;</c> between choices, zipped or not) and the linked Sheet's export, read as the CSV source.
/// </summary>
public sealed class FormsDownloadTests(GarnetFixture garnet) : IngestTestBase(garnet), IDisposable
{
    private readonly string _tempDirectory = Directory.CreateTempSubdirectory("forms-download-").FullName;

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public void Dispose() => Directory.Delete(_tempDirectory, recursive: true);

    public static TheoryData<string, string[], int> Downloads => new()
    {
        {
            "forms-download-en.csv",
            [
                "Despacito=2026-11-01T08:00:00Z", "Bohemian Rhapsody=2026-11-01T11:30:15Z",
                "Song with a \"quote\" and, a comma=2026-10-31T23:05:00Z", "Tum Hi Ho=2026-09-04T14:21:43Z", "Zombie=2026-11-03T17:30:00Z",
            ],
            2
        },
        {
            "forms-download-es.csv",
            ["La Bamba=2022-02-14T01:26:52Z", "Despacito=2026-11-01T08:00:00Z", "Bésame Mucho=2026-07-18T19:47:02Z", "Cielito Lindo=2026-07-18T06:00:00Z"],
            0
        },
        {
            "forms-download-es.zip",
            ["La Bamba=2022-02-14T01:26:52Z", "Despacito=2026-11-01T08:00:00Z", "Bésame Mucho=2026-07-18T19:47:02Z", "Cielito Lindo=2026-07-18T06:00:00Z"],
            0
        },
        {
            "forms-download-de.csv",
            ["99 Luftballons=2026-03-29T00:30:00Z", "Atemlos durch die Nacht=2026-03-29T01:30:00Z", "Major Tom=2026-10-25T22:59:59Z"],
            0
        },
        { "forms-download-hi.csv", ["Kesariya=2025-07-07T10:32:26Z", "Jai Ho=2025-07-07T04:45:00Z", "नैना=2025-07-07T18:30:00Z"], 0 },
        { "forms-download-pt.zip", ["Garota de Ipanema=2026-09-04T22:51:43Z", "Águas de Março=2026-09-05T11:00:00Z"], 0 },
    };

    [Theory]
    [MemberData(nameof(Downloads))]
    public async Task ReadsEachDownloadWithItsOffsetAppliedToExactUtcInstants(string fixture, string[] expected, int quarantined)
    {
        var result = await PollAsync(Fixture(fixture));

        Assert.NotNull(result);
        Assert.Equal(expected.Length, result.Accepted);
        Assert.Equal(quarantined, result.Quarantined);
        Assert.Equal(
            expected.Order(StringComparer.Ordinal),
            (await Responses.GetAllAsync(Source))
                .Select(r => $"{r.Response.FavoriteSong}={r.Response.SubmittedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}")
                .Order(StringComparer.Ordinal));
        Assert.All(await Responses.GetAllAsync(Source), r => Assert.Equal(TimeSpan.Zero, r.Response.SubmittedAt.Offset));
        await AssertReconcilesAsync(expected.Length + quarantined);
    }

    [Fact]
    public async Task TheEnglishDownloadQuarantinesAStackOfAccentsAndAMissingSongAndJoinsChoicesLikeTheSheet()
    {
        await PollAsync(Fixture("forms-download-en.csv"));

        var quarantine = await Quarantine.GetAllAsync(Source);
        Assert.Equal(2, quarantine.Count);
        var stacked = Assert.Single(quarantine, q => q.Row == 6);
        Assert.Contains(stacked.Reasons, r => r.StartsWith("Song stacks", StringComparison.Ordinal) && r.Contains("accent marks on one character", StringComparison.Ordinal));
        Assert.Equal(["no song"], Assert.Single(quarantine, q => q.Row == 8).Reasons);

        var bySong = (await Responses.GetAllAsync(Source)).ToDictionary(r => r.Response.FavoriteSong, r => r.Response);
        Assert.Equal("Morning, Evening", bySong["Despacito"].ListeningTime);
        Assert.Equal("Afternoon, Late night", bySong["Tum Hi Ho"].ListeningTime);
        Assert.Equal("Computer Science, Mathematics", bySong["Bohemian Rhapsody"].Major);

        var columns = await Quarantine.GetColumnsAsync(Source);
        Assert.Equal(["Which streaming apps do you use?"], columns!.Unmapped);
        // Year-first Forms dates never depend on a day/month order, so none is reported.
        Assert.Null(columns.DateOrder);
    }

    [Fact]
    public async Task TheSheetsCommaJoinedChoicesAreTheSameValueAsTheDownloadsSemicolons()
    {
        await PollAsync(Fixture("sheet-export-en-gb.csv"));

        var yellow = Assert.Single(await Responses.GetAllAsync(Source), r => r.Response.FavoriteSong == "Yellow");
        Assert.Equal("Morning, Evening", yellow.Response.ListeningTime);
    }

    [Fact]
    public async Task EverySpanishHeaderMapsByItself()
    {
        await PollAsync(Fixture("forms-download-es.csv"));

        var columns = await Quarantine.GetColumnsAsync(Source);
        var mapped = columns!.Matches.ToDictionary(m => m.Field, m => m.Header);
        Assert.Equal("Marca temporal", mapped["Timestamp"]);
        Assert.Equal("Canción favorita", mapped["Song"]);
        Assert.Equal("Artista", mapped["Artist"]);
        Assert.Equal("Ciudad de origen", mapped["Hometown"]);
        Assert.Equal("¿Cuándo escuchas música?", mapped["ListeningTime"]);
        Assert.Empty(columns.Unmapped);
    }

    [Fact]
    public async Task TheZipAndItsCsvGiveTheSameRows()
    {
        await PollAsync(Fixture("forms-download-es.csv"));
        var fromCsv = await SnapshotAsync();
        await Garnet.FlushAsync();

        await PollAsync(Fixture("forms-download-es.zip"));

        Assert.Equal(fromCsv, await SnapshotAsync());
    }

    [Fact]
    public async Task ADayAbove12AnywhereInTheColumnDecidesTheOrderOfEveryRow()
    {
        // Survey:Culture is en-US (month first), yet 15/09/2025 in the column shows the day comes first.
        await PollAsync(Fixture("sheet-export-en-gb.csv"));

        Assert.Equal(
            ["Hello=2025-09-06T17:45:10Z", "Wonderwall=2025-09-15T08:00:00Z", "Yellow=2025-09-05T10:23:45Z"],
            await InstantsAsync());
        var columns = await Quarantine.GetColumnsAsync(Source);
        Assert.Contains("day first", columns!.DateOrder);
        Assert.Contains("1 date in the column can only be read day first", columns.DateOrder);
    }

    [Theory]
    [InlineData(null, null, "2025-05-09T10:23:45Z", "the locale en-US")]
    [InlineData("DayFirst", null, "2025-09-05T10:23:45Z", "Survey:DateOrder is DayFirst")]
    [InlineData(null, "en-GB", "2025-09-05T10:23:45Z", "the locale en-GB")]
    [InlineData("MonthFirst", "en-GB", "2025-05-09T10:23:45Z", "Survey:DateOrder is MonthFirst")]
    public async Task AColumnThatStaysAmbiguousUsesTheSettingOrElseTheLocaleAndSaysWhich(string? order, string? culture, string yellow, string why)
    {
        await PollAsync(Fixture("sheet-export-ambiguous.csv"), new() { ["Survey:DateOrder"] = order, ["Survey:Culture"] = culture });

        var instants = await InstantsAsync();
        Assert.Contains($"Yellow={yellow}", instants);
        Assert.Contains("Hello=2025-09-15T10:23:45Z", instants);
        Assert.Contains(why, (await Quarantine.GetColumnsAsync(Source))!.DateOrder);
    }

    [Fact]
    public async Task ANewRowThatSettlesTheOrderRereadsTheRowsAlreadyStored()
    {
        var path = Path.Combine(_tempDirectory, "sheet.csv");
        await File.WriteAllTextAsync(path, "Timestamp,Song,Artist\r\n05/09/2025 10:23:45,Yellow,Coldplay\r\n");
        await PollAsync(path);
        Assert.Equal(["Yellow=2025-05-09T10:23:45Z"], await InstantsAsync());

        await File.AppendAllTextAsync(path, "15/09/2025 08:00:00,Wonderwall,Oasis\r\n");
        var result = await PollAsync(path);

        Assert.True(result!.FullRead);
        Assert.Equal(["Wonderwall=2025-09-15T08:00:00Z", "Yellow=2025-09-05T10:23:45Z"], await InstantsAsync());
        await AssertReconcilesAsync(2);
    }

    [Fact]
    public async Task ACsvUrlThatAnswersWithTheZipIsRead()
    {
        using var server = WireMockServer.Start();
        server.Given(Request.Create().WithPath("/responses.zip").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/zip").WithBody(File.ReadAllBytes(Fixture("forms-download-pt.zip"))));

        var result = await PollAsync(null, new() { ["Survey:CsvUrl"] = $"{server.Url}/responses.zip" });

        Assert.Equal(2, result!.Accepted);
        Assert.Contains("Garota de Ipanema=2026-09-04T22:51:43Z", await InstantsAsync());
    }

    [Theory]
    [InlineData(new[] { "a.csv", "b.csv" }, "several .csv files (a.csv, b.csv)")]
    [InlineData(new[] { "responses.xlsx" }, "holds no .csv file (it holds responses.xlsx)")]
    [InlineData(new string[0], "holds no .csv file (it is empty)")]
    public async Task AZipWithoutExactlyOneCsvIsAnErrorThatSaysSo(string[] entries, string detail)
    {
        var path = Path.Combine(_tempDirectory, "responses.zip");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            foreach (var entry in entries)
            {
                await using var writer = new StreamWriter(zip.CreateEntry(entry).Open());
                await writer.WriteAsync("\"Timestamp\",\"Song\",\"Artist\"\r\n");
            }
        }

        var result = await PollAsync(path);

        Assert.Null(result);
        Assert.Contains(".zip", (await Statuses.GetAsync(Source))!.Error);
        Assert.Contains(detail, await Statuses.GetDetailAsync(Source));
    }

    private async Task<IngestResult?> PollAsync(string? csvPath, Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?> { ["Survey:Source"] = "Csv", ["Survey:CsvPath"] = csvPath };
        foreach (var (key, value) in extra ?? [])
        {
            if (value is not null)
            {
                settings[key] = value;
            }
        }

        await using var services = Services(settings: settings);
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SurveySourcePoller>().PollAsync(CancellationToken.None);
    }

    private async Task<string[]> InstantsAsync() =>
        [.. (await Responses.GetAllAsync(Source))
            .Select(r => $"{r.Response.FavoriteSong}={r.Response.SubmittedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}")
            .Order(StringComparer.Ordinal)];
}
