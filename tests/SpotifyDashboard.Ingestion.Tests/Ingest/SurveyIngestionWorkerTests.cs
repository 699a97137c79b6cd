using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using SpotifyDashboard.Ingestion.Hosting;
using SpotifyDashboard.Ingestion.Tests.Infrastructure;
using SpotifyDashboard.Ingestion.Tests.Reading;

namespace SpotifyDashboard.Ingestion.Tests.Ingest;

public sealed class SurveyIngestionWorkerTests(GarnetFixture garnet) : IngestTestBase(garnet), IDisposable
{
    private readonly string _csvPath = Path.Combine(Path.GetTempPath(), $"worker-{Guid.NewGuid():N}.csv");

    [Fact]
    public async Task ReadsAtStartThenAtEachPollAndKeepsGoingAfterAFailedRead()
    {
        File.Copy(CsvReadersTests.FixturePath, _csvPath);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
        await using var services = IngestionServices.Build(Garnet.Redis, new Dictionary<string, string?>
        {
            ["Survey:Source"] = "Csv",
            ["Survey:CsvPath"] = _csvPath,
            ["Survey:PollInterval"] = "00:00:30",
        }, time, withWorker: true);
        var worker = services.GetServices<IHostedService>().OfType<SurveyIngestionWorker>().Single();

        await worker.StartAsync(CancellationToken.None);
        await WaitForAsync(async () => (await Statuses.GetAsync(Source))?.RowsRead == 6);

        File.Delete(_csvPath);
        time.Advance(TimeSpan.FromSeconds(30));
        await WaitForAsync(async () => (await Statuses.GetAsync(Source))?.Error is not null);
        Assert.Equal(5, await Responses.CountAsync(Source));

        await File.WriteAllTextAsync(_csvPath, File.ReadAllText(CsvReadersTests.FixturePath) + "11/21/2026 10:00:00,Gus,24,Law,Senior,Rome,Volare,Domenico Modugno,1,Evening\r\n");
        time.Advance(TimeSpan.FromSeconds(30));
        await WaitForAsync(async () => (await Statuses.GetAsync(Source))?.RowsRead == 7);

        var status = await Statuses.GetAsync(Source);
        Assert.Null(status!.Error);
        Assert.Equal(time.GetUtcNow(), status.LastReadAt);
        Assert.Equal(6, await Responses.CountAsync(Source));
        await worker.StopAsync(CancellationToken.None);
    }

    /// <summary>Waits for the worker's background tick (real async I/O), not for time to pass.</summary>
    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(25);
        }

        Assert.Fail("The worker did not get there within 5 s.");
    }

    public void Dispose() => File.Delete(_csvPath);
}
