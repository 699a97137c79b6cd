using Microsoft.Extensions.DependencyInjection;
using SpotifyDashboard.Ingestion.Ingest;
using SpotifyDashboard.Ingestion.Tests.Infrastructure;
using SpotifyDashboard.Ingestion.Tests.Reading;

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
        google.Server.Given(FakeGoogle.ValuesRequest()).InScenario("share").WillSetStateTo("shared")
            .RespondWith(FakeGoogle.GoogleError(403, "The caller does not have permission"));
        google.Server.Given(FakeGoogle.ValuesRequest()).InScenario("share").WhenStateIs("shared")
            .RespondWith(FakeGoogle.Json(new
            {
                range = "'Form Responses 1'!A1:D3",
                values = new object[][]
                {
                    ["Timestamp", "Your name", "What's your favourite song?", "Who is the artist?"],
                    [46000.572916666664, "Ana", "Despacito", "Luis Fonsi"],
                    [46000.6],
                },
            }));

        Assert.Null(await PollAsync(services));
        Assert.Contains("not shared with the service account", (await Statuses.GetAsync("sheet"))!.Error);

        var result = await PollAsync(services);

        Assert.Equal((2L, 1L, 1L), (result!.RowsRead, result.Accepted, result.Quarantined));
        var status = await Statuses.GetAsync("sheet");
        Assert.Null(status!.Error);
        var ana = Assert.Single(await Responses.GetAllAsync("sheet")).Response;
        Assert.Equal(new DateTimeOffset(2025, 12, 9, 13, 45, 0, TimeSpan.Zero), ana.SubmittedAt);
        Assert.Equal(["no song", "no artist"], Assert.Single(await Quarantine.GetAllAsync("sheet")).Reasons);
    }

    public void Dispose() => File.Delete(_csvPath);
}
