using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SpotifyDashboard.Core.Duties;
using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Core.Survey;
using SpotifyDashboard.Enrichment;
using SpotifyDashboard.Ingestion.Ingest;
using SpotifyDashboard.Worker.Duties;

namespace SpotifyDashboard.Worker.Tests;

/// <summary>The worker's own health follows every duty: degraded, naming the duty and the reason, while one is stuck.</summary>
public sealed class WorkerHealthTests(GarnetFixture garnet) : IClassFixture<GarnetFixture>
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task ASourceThatCannotBeReadDegradesTheWorkerUntilItReadsAgain()
    {
        await garnet.FlushAsync();
        await new ActiveSourceStore(garnet.Redis).SetOverrideAsync(SurveySourceKind.Csv);
        await using var worker = new WorkerReplica(garnet.ConnectionString, _time, new CountingSongLookup());
        var health = worker.Get<WorkerHealth>();

        // CSV without a path or an upload: the poll reports the missing setting, and the step says so.
        Assert.True(await worker.StepAsync<IngestDuty>());
        var failing = await health.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Degraded, failing.Status);
        Assert.Equal("ingest: The survey source csv could not be read: Survey:CsvUrl or Survey:CsvPath must be set when Survey:Source is Csv.", failing.Description);
        Assert.Equal("stuck at 2026-11-25T12:00:00.0000000+00:00", failing.Data["ingest"]);

        await garnet.Redis.GetDatabase().StringSetAsync(RedisKeys.UploadedCsv, WorkerReplica.ClassCsv(3));
        Assert.True(await worker.StepAsync<IngestDuty>());
        var read = await health.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, read.Status);
        Assert.Equal("Worker leader: every duty did its job", read.Description);
        Assert.Equal("ok at 2026-11-25T12:00:00.0000000+00:00", read.Data["ingest"]);
    }

    [Fact]
    public async Task ACsvPathThatDoesNotExistDegradesTheWorkerAndTheSourceStatusTheApiReads()
    {
        await garnet.FlushAsync();
        var missing = Path.Combine(Path.GetTempPath(), $"gone-{Guid.NewGuid():N}.csv");
        await using var worker = new WorkerReplica(garnet.ConnectionString, _time, new CountingSongLookup(), new()
        {
            ["Survey:Source"] = "Csv",
            ["Survey:CsvPath"] = missing,
        });
        var health = worker.Get<WorkerHealth>();
        Assert.True(await worker.StepAsync<EnrichDuty>());

        Assert.True(await worker.StepAsync<IngestDuty>());
        var result = await health.CheckHealthAsync(new HealthCheckContext());

        // The other duties did their job; the one that cannot is named, with the public reason (never the path).
        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Equal("ingest: The survey source csv could not be read: The CSV file could not be read: check Survey:CsvPath.", result.Description);
        Assert.DoesNotContain(missing, result.Description, StringComparison.Ordinal);
        Assert.Equal("ok at 2026-11-25T12:00:00.0000000+00:00", result.Data["enrich"]);
        Assert.Equal("The CSV file could not be read: check Survey:CsvPath.", (await new SourceStatusStore(garnet.Redis).GetAsync("csv"))?.Error);
    }

    [Fact]
    public async Task AnEnrichPassThatSettlesNoSongDegradesTheWorkerNamingTheProviderUntilSongsAreFound()
    {
        await garnet.FlushAsync();
        await new ActiveSourceStore(garnet.Redis).SetOverrideAsync(SurveySourceKind.Csv);
        await garnet.Redis.GetDatabase().StringSetAsync(RedisKeys.UploadedCsv, WorkerReplica.ClassCsv(3));
        var lookup = new CountingSongLookup { DeferWith = "spotify is cooling down" };
        await using var worker = new WorkerReplica(garnet.ConnectionString, _time, lookup);
        var health = worker.Get<WorkerHealth>();
        Assert.True(await worker.StepAsync<IngestDuty>());

        // No Spotify credentials in this replica: the pass settles nothing and the health says why.
        Assert.True(await worker.StepAsync<EnrichDuty>());
        var waiting = await health.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Degraded, waiting.Status);
        Assert.StartsWith("enrich: 3 songs wait for their features; spotify is Unavailable: no Spotify credentials", waiting.Description, StringComparison.Ordinal);

        lookup.DeferWith = null;
        Assert.True(await worker.StepAsync<EnrichDuty>());
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(new HealthCheckContext())).Status);
    }

    [Fact]
    public async Task ADutyWhoseStepThrowsIsNamedUntilAStepSucceedsAndAStandbyReportsNothingOfIt()
    {
        await garnet.FlushAsync();
        var options = Microsoft.Extensions.Options.Options.Create(new SpotifyDashboard.Analysis.AnalysisOptions());
        await using var leader = new WorkerLeaderLock(garnet.Redis, options, _time, NullLogger<WorkerLeaderLock>.Instance);
        await using var standby = new WorkerLeaderLock(garnet.Redis, options, _time, NullLogger<WorkerLeaderLock>.Instance);
        var duty = new FlakyDuty();
        var health = new WorkerHealth(leader, _time);
        var loop = new DutyLoop(duty, leader, health, _time, NullLogger<DutyLoop>.Instance);
        var standbyHealth = new WorkerHealth(standby, _time);
        var standbyLoop = new DutyLoop(duty, standby, standbyHealth, _time, NullLogger<DutyLoop>.Instance);

        duty.Failure = new InvalidOperationException("the cache is restarting");
        Assert.True(await loop.StepAsync(CancellationToken.None));
        Assert.False(await standbyLoop.StepAsync(CancellationToken.None));

        var failing = await health.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Degraded, failing.Status);
        Assert.Equal("flaky: its last step failed: the cache is restarting", failing.Description);
        Assert.Equal(1, duty.Steps);
        Assert.Equal(HealthStatus.Healthy, (await standbyHealth.CheckHealthAsync(new HealthCheckContext())).Status);
        Assert.Equal("Worker standby: every duty did its job", (await standbyHealth.CheckHealthAsync(new HealthCheckContext())).Description);

        duty.Failure = null;
        Assert.True(await loop.StepAsync(CancellationToken.None));
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(new HealthCheckContext())).Status);
        Assert.Equal(2, duty.Steps);
    }

    private sealed class FlakyDuty : IWorkerDuty
    {
        public Exception? Failure { get; set; }

        public int Steps { get; private set; }

        public string Name => "flaky";

        public TimeSpan Interval => TimeSpan.FromSeconds(1);

        public Task<string?> StepAsync(CancellationToken cancellationToken)
        {
            Steps++;
            return Failure is null ? Task.FromResult<string?>(null) : Task.FromException<string?>(Failure);
        }
    }
}
