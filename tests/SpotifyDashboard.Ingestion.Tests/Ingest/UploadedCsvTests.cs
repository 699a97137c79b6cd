using Microsoft.Extensions.DependencyInjection;
using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Core.Survey;
using SpotifyDashboard.Ingestion.Ingest;
using SpotifyDashboard.Ingestion.Tests.Infrastructure;
using SpotifyDashboard.Ingestion.Tests.Reading;

namespace SpotifyDashboard.Ingestion.Tests.Ingest;

public sealed class UploadedCsvTests(GarnetFixture garnet) : IngestTestBase(garnet)
{
    [Fact]
    public async Task WithTheOverrideOnCsvATickReadsTheUploadedCsvIntoTheCsvSourceWithoutARestart()
    {
        // Configured for the demo, no CSV path or URL: only the teacher's upload can feed the csv source.
        await using var services = IngestionServices.Build(Garnet.Redis, new Dictionary<string, string?> { ["Survey:Source"] = "Demo" }, withDuty: true);
        var duty = services.GetRequiredService<IngestDuty>();
        Assert.Null(await duty.StepAsync(CancellationToken.None));
        Assert.Equal(0, await Responses.CountAsync(Source));

        await Garnet.Redis.GetDatabase().StringSetAsync(RedisKeys.UploadedCsv, await File.ReadAllTextAsync(CsvReadersTests.FixturePath));
        await new ActiveSourceStore(Garnet.Redis).SetOverrideAsync(SurveySourceKind.Csv);
        Assert.Null(await duty.StepAsync(CancellationToken.None));

        Assert.Equal(5, await Responses.CountAsync(Source));
        var status = await Statuses.GetAsync(Source);
        Assert.Equal(6, status!.RowsRead);
        Assert.Null(status.Error);
    }

    [Fact]
    public async Task TheUploadWinsOverTheConfiguredCsvFile()
    {
        await using var services = IngestionServices.Build(Garnet.Redis, new Dictionary<string, string?> { ["Survey:Source"] = "Csv", ["Survey:CsvPath"] = "does-not-exist.csv" }, withDuty: true);
        await Garnet.Redis.GetDatabase().StringSetAsync(RedisKeys.UploadedCsv, await File.ReadAllTextAsync(CsvReadersTests.FixturePath));

        Assert.Null(await services.GetRequiredService<IngestDuty>().StepAsync(CancellationToken.None));

        Assert.Equal(5, await Responses.CountAsync(Source));
        Assert.Null((await Statuses.GetAsync(Source))!.Error);
    }
}
