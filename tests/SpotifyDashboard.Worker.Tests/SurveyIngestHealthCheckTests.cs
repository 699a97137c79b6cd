using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Core.Survey;
using SpotifyDashboard.Ingestion.Ingest;
using SpotifyDashboard.Worker;

namespace SpotifyDashboard.Worker.Tests;

/// <summary>The worker's own health follows its survey source: degraded with the reason while it cannot be read.</summary>
public sealed class SurveyIngestHealthCheckTests(GarnetFixture garnet) : IClassFixture<GarnetFixture>
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task ASourceThatCannotBeReadDegradesTheWorkerUntilItReadsAgain()
    {
        await garnet.FlushAsync();
        await new ActiveSourceStore(garnet.Redis).SetOverrideAsync(SurveySourceKind.Csv);
        await using var worker = new WorkerReplica(garnet.ConnectionString, _time, new CountingSongLookup());
        var check = new SurveyIngestHealthCheck(worker.Ingestion, worker.Get<SurveyPollOutcome>());

        // CSV without a path or an upload: the poll reports the missing setting and the tick itself succeeds.
        Assert.True(await worker.Ingestion.TickAsync(CancellationToken.None));
        var failing = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Degraded, failing.Status);
        Assert.Equal("The survey source csv could not be read: Survey:CsvUrl or Survey:CsvPath must be set when Survey:Source is Csv.", failing.Description);
        Assert.Equal("2026-11-25T12:00:00.0000000+00:00", failing.Data["lastPollAt"]);

        await garnet.Redis.GetDatabase().StringSetAsync(RedisKeys.UploadedCsv, WorkerReplica.ClassCsv(3));
        await worker.Ingestion.TickAsync(CancellationToken.None);
        var read = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, read.Status);
        Assert.Equal("The survey source csv was read", read.Description);
    }
}
