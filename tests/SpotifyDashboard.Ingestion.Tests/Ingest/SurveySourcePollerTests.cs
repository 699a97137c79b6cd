using Microsoft.Extensions.DependencyInjection;
using SpotifyDashboard.Ingestion.Ingest;
using SpotifyDashboard.Ingestion.Tests.Infrastructure;
using SpotifyDashboard.Ingestion.Tests.Reading;
using SpotifyDashboard.TestSupport.GoogleSheets;

namespace SpotifyDashboard.Ingestion.Tests.Ingest;

/// <summary>A poll end to end: settings → reader → ingest → status, with the error a person can act on.</summary>
public sealed class SurveySourcePollerTests(GarnetFixture garnet) : IngestTestBase(garnet), IDisposable
{
    private readonly string _csvPath = Path.Combine(Path.GetTempPath(), $"responses-{Guid.NewGuid():N}.csv");

    private static async Task<IngestResult?> PollAsync(ServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SurveySourcePoller>().PollAsync(CancellationToken.None);
    }

    private ServiceProvider CsvServices() =>
        Services(settings: new Dictionary<string, string?> { ["Survey:Source"] = "Csv", ["Survey:CsvPath"] = _csvPath });

    [Fact]
    public async Task AMissingRequiredColumnStopsTheSourceButKeepsTheLastGoodData()
    {
        var services = CsvServices();
        File.Copy(CsvReadersTests.FixturePath, _csvPath);
        Assert.NotNull(await PollAsync(services));
        var before = await SnapshotAsync();

        await File.WriteAllTextAsync(_csvPath, "Timestamp,Your name,What's your favourite song?\n11/20/2026 9:15:02,Ana,Despacito\n");
        var result = await PollAsync(services);

        Assert.Null(result);
        var status = await Statuses.GetAsync(Source);
        Assert.Contains("No column for Artist", status!.Error);
        Assert.Contains("Survey:Columns:Artist", status.Error);
        Assert.DoesNotContain("What's your favourite song?", status.Error);
        Assert.Contains("\"What's your favourite song?\"", await Statuses.GetDetailAsync(Source));
        Assert.Equal(before, await SnapshotAsync());
        await AssertReconcilesAsync(6);
    }

    [Fact]
    public async Task ClearsTheErrorOnceTheSourceReadsAgain()
    {
        var services = CsvServices();
        Assert.Null(await PollAsync(services));
        Assert.Contains("Survey:CsvPath", (await Statuses.GetAsync(Source))!.Error);

        File.Copy(CsvReadersTests.FixturePath, _csvPath);
        await PollAsync(services);

        var status = await Statuses.GetAsync(Source);
        Assert.Null(status!.Error);
        Assert.Null(await Statuses.GetDetailAsync(Source));
        Assert.Equal(6, status.RowsRead);
    }

    [Fact]
    public async Task MissingSettingsAreReportedByName()
    {
        var services = Services(settings: new Dictionary<string, string?> { ["Survey:Source"] = "GoogleSheet" });

        Assert.Null(await PollAsync(services));

        var status = await Statuses.GetAsync("sheet");
        Assert.Contains("Survey:SheetId", status!.Error);
        Assert.Contains("google-service-account", status.Error);
        Assert.Equal("GoogleSheet", status.Kind);
    }

    [Fact]
    public async Task TheDemoSourceIsNotTouched()
    {
        Assert.Null(await PollAsync(Services(settings: new Dictionary<string, string?>())));

        Assert.Null(await Statuses.GetAsync("demo"));
    }

    [Fact]
    public async Task AnUnsharedSheetIsReportedAndTheNextPollRecovers()
    {
        using var google = new FakeGoogle();
        var services = Services(settings: google.Settings());
        google.Api.Access = SheetAccess.NotShared;

        Assert.Null(await PollAsync(services));
        Assert.Contains("not shared with the service account", (await Statuses.GetAsync("sheet"))!.Error);

        google.Api.Access = SheetAccess.Shared;
        var result = await PollAsync(services);

        Assert.Equal((3L, 2L, 1L), (result!.RowsRead, result.Accepted, result.Quarantined));
        Assert.Null((await Statuses.GetAsync("sheet"))!.Error);
        Assert.Equal(["no artist"], Assert.Single(await Quarantine.GetAllAsync("sheet")).Reasons);
    }

    [Fact]
    public async Task SerialDatesCountInTheSheetsOwnZoneAcrossTheSwitchToSummerTime()
    {
        using var google = new FakeGoogle();
        var services = Services(settings: google.Settings());

        await PollAsync(services);

        // Berlin: 13:45 in December is 12:45 UTC; 10:00 the day before the switch is 09:00 UTC, 10:00 on the day 08:00 UTC.
        var submitted = (await Responses.GetAllAsync("sheet")).ToDictionary(r => r.Response.FavoriteSong, r => r.Response.SubmittedAt);
        Assert.Equal(new DateTimeOffset(2025, 12, 9, 12, 45, 0, TimeSpan.Zero), submitted["Despacito"]);
        Assert.Equal(new DateTimeOffset(2026, 3, 28, 9, 0, 0, TimeSpan.Zero), submitted["Zombie"]);
        var chloe = Assert.Single(await Quarantine.GetAllAsync("sheet"));
        Assert.Equal(4, chloe.Row);

        google.Sheet.Tabs[1].Rows[3] = [FakeGoogle.Submitted[2], "Chloé", "Yellow", "Coldplay", 1];
        await PollAsync(services);
        var yellow = (await Responses.GetAllAsync("sheet")).Single(r => r.Response.FavoriteSong == "Yellow").Response;
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 8, 0, 0, TimeSpan.Zero), yellow.SubmittedAt);
    }

    [Fact]
    public async Task SurveyTimeZoneOverridesTheSheetsZone()
    {
        using var google = new FakeGoogle();
        var settings = google.Settings();
        settings["Survey:TimeZone"] = "America/New_York";
        var services = Services(settings: settings);

        await PollAsync(services);

        var ana = (await Responses.GetAllAsync("sheet")).Single(r => r.Response.FavoriteSong == "Despacito").Response;
        Assert.Equal(new DateTimeOffset(2025, 12, 9, 18, 45, 0, TimeSpan.Zero), ana.SubmittedAt);
    }

    [Fact]
    public async Task TextDatesInTheSheetFollowItsLocale()
    {
        // A row typed in by hand is text, not a date: "03.04.2026" in a German sheet is the 3rd of April.
        using var google = new FakeGoogle();
        google.Sheet.Tabs[1].Rows.Add(["03.04.2026 14:00:00", "Dora", "Volare", "Domenico Modugno", 1]);
        var services = Services(settings: google.Settings());

        await PollAsync(services);

        var dora = (await Responses.GetAllAsync("sheet")).Single(r => r.Response.FavoriteSong == "Volare").Response;
        Assert.Equal(new DateTimeOffset(2026, 4, 3, 12, 0, 0, TimeSpan.Zero), dora.SubmittedAt);
    }

    public void Dispose() => File.Delete(_csvPath);
}
