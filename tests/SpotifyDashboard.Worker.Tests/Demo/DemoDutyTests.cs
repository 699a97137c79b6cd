using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SpotifyDashboard.Core.Demo;
using SpotifyDashboard.Core.Configuration;
using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Core.Telemetry;
using SpotifyDashboard.Worker;
using SpotifyDashboard.Worker.Demo;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace SpotifyDashboard.Worker.Tests.Demo;

public class DemoDutyTests(GarnetFixture garnet) : IClassFixture<GarnetFixture>
{
    private DemoDuty CreateWorker(FakeTimeProvider time, PrivacyOptions? privacy = null, int initialStudents = 50)
    {
        var pseudonyms = (privacy ?? new PrivacyOptions { PseudonymKey = "test-key" }).ToNamePolicy(NullLogger.Instance);
        var factory = new DemoResponseFactory(new DemoClassGenerator(42), pseudonyms);
        return new DemoDuty(
            factory,
            new SurveyResponseStore(garnet.Redis),
            new SourceStatusStore(garnet.Redis),
            MsOptions.Create(new DemoOptions { InitialStudents = initialStudents, MaxStudents = initialStudents + 2 }),
            new PipelineTelemetry(new TestMeterFactory(), time),
            time,
            NullLogger<DemoDuty>.Instance);
    }

    [Fact]
    public async Task SeedsTheClassThenAddsOneStudentPerTickUpToTheCap()
    {
        await garnet.Redis.GetServers()[0].FlushDatabaseAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 10, 1, 12, 0, 0, TimeSpan.Zero));
        var worker = CreateWorker(time);
        var store = new SurveyResponseStore(garnet.Redis);

        await worker.StepAsync(CancellationToken.None);
        Assert.Equal(50, await store.CountAsync("demo"));

        time.Advance(TimeSpan.FromSeconds(10));
        await worker.StepAsync(CancellationToken.None);
        var newest = (await store.GetPageAsync("demo", 0, 1)).Single();
        Assert.Equal(51, await store.CountAsync("demo"));
        Assert.Equal(time.GetUtcNow(), newest.Response.SubmittedAt);

        await worker.StepAsync(CancellationToken.None);
        await worker.StepAsync(CancellationToken.None);
        Assert.Equal(52, await store.CountAsync("demo"));

        var status = await new SourceStatusStore(garnet.Redis).GetAsync("demo");
        Assert.Equal(52, status!.Accepted);
        Assert.Equal(status.RowsRead, status.Accepted + status.Quarantined + status.Duplicates);
    }

    [Fact]
    public async Task ARestartedWorkerContinuesTheSameClass()
    {
        await garnet.Redis.GetServers()[0].FlushDatabaseAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 10, 1, 12, 0, 0, TimeSpan.Zero));
        await CreateWorker(time).StepAsync(CancellationToken.None);
        await CreateWorker(time).StepAsync(CancellationToken.None);

        var store = new SurveyResponseStore(garnet.Redis);
        Assert.Equal(51, await store.CountAsync("demo"));
        Assert.Equal("demo-000050", (await store.GetPageAsync("demo", 0, 1)).Single().Response.Id);
    }

    [Fact]
    public async Task StoresPseudonymsNotNamesByDefault()
    {
        await garnet.Redis.GetServers()[0].FlushDatabaseAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 10, 1, 12, 0, 0, TimeSpan.Zero));
        await CreateWorker(time).StepAsync(CancellationToken.None);

        var generator = new DemoClassGenerator(42);
        var all = await new SurveyResponseStore(garnet.Redis).GetAllAsync("demo");
        var raw = string.Join("\n", (await garnet.Redis.GetDatabase().HashValuesAsync(RedisKeys.Responses("demo"))).Select(v => v.ToString()));
        Assert.All(all, r => Assert.Null(r.Response.Name));
        for (var i = 0; i < 50; i++)
        {
            Assert.DoesNotContain(generator.Generate(i).Name, raw);
        }
    }

    [Fact]
    public async Task TheInitialClassArrivesAllAtOnceWithOneEvent()
    {
        await garnet.Redis.GetServers()[0].FlushDatabaseAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 10, 1, 12, 0, 0, TimeSpan.Zero));
        var store = new SurveyResponseStore(garnet.Redis);
        var events = await EventCollector.StartAsync(garnet.Redis);

        // A reader polling while the class is written (as the analysis and the api do) sees no class or all of it.
        var observed = new List<long>();
        var tick = CreateWorker(time, initialStudents: 2_000).StepAsync(CancellationToken.None);
        while (!tick.IsCompleted)
        {
            observed.Add(await store.CountAsync("demo"));
        }

        await tick;
        Assert.All(observed, c => Assert.True(c is 0 or 2_000, $"a reader saw {c} of 2000 students"));
        Assert.Equal(2_000, await store.CountAsync("demo"));
        var seen = await events.UntilSentinelAsync(store);
        Assert.Single(seen, e => e.Type == StoreEvent.ResponseAdded && e.Source == "demo");
    }
}
