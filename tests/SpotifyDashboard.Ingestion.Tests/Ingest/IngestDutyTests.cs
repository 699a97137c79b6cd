using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SpotifyDashboard.Ingestion.Ingest;
using SpotifyDashboard.Ingestion.Tests.Infrastructure;
using SpotifyDashboard.Ingestion.Tests.Reading;

namespace SpotifyDashboard.Ingestion.Tests.Ingest;

public sealed class IngestDutyTests(GarnetFixture garnet) : IngestTestBase(garnet), IDisposable
{
    private readonly string _csvPath = Path.Combine(Path.GetTempPath(), $"worker-{Guid.NewGuid():N}.csv");

    [Fact]
    public async Task ReadsAtEachStepAndKeepsGoingAfterAFailedReadWhichItNamesAsItsProblem()
    {
        File.Copy(CsvReadersTests.FixturePath, _csvPath);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
        await using var services = IngestionServices.Build(Garnet.Redis, new Dictionary<string, string?>
        {
            ["Survey:Source"] = "Csv",
            ["Survey:CsvPath"] = _csvPath,
            ["Survey:PollInterval"] = "00:00:30",
        }, time, withDuty: true);
        var duty = services.GetRequiredService<IngestDuty>();
        Assert.Equal(TimeSpan.FromSeconds(30), duty.Interval);

        Assert.Null(await duty.StepAsync(CancellationToken.None));
        Assert.Equal(6, (await Statuses.GetAsync(Source))?.RowsRead);

        File.Delete(_csvPath);
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(
            "The survey source csv could not be read: The CSV file could not be read: check Survey:CsvPath.",
            await duty.StepAsync(CancellationToken.None));
        Assert.NotNull((await Statuses.GetAsync(Source))?.Error);
        Assert.Equal(5, await Responses.CountAsync(Source));

        await File.WriteAllTextAsync(_csvPath, File.ReadAllText(CsvReadersTests.FixturePath) + "11/21/2026 10:00:00,Gus,24,Law,Senior,Rome,Volare,Domenico Modugno,1,Evening\r\n");
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Null(await duty.StepAsync(CancellationToken.None));

        var status = await Statuses.GetAsync(Source);
        Assert.Equal(7, status!.RowsRead);
        Assert.Null(status.Error);
        Assert.Equal(time.GetUtcNow(), status.LastReadAt);
        Assert.Equal(6, await Responses.CountAsync(Source));
    }

    public void Dispose() => File.Delete(_csvPath);
}
