using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using SpotifyDashboard.Analysis;
using SpotifyDashboard.Core.Analysis;
using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Worker.Analysis;
using StackExchange.Redis;

namespace SpotifyDashboard.Worker.Tests.Analysis;

public class AnalysisWorkerTests(GarnetFixture garnet) : IClassFixture<GarnetFixture>
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 10, 1, 12, 0, 0, TimeSpan.Zero));

    private SurveyResponseStore Responses => new(garnet.Redis);

    private SnapshotStore Snapshots => new(garnet.Redis);

    private async Task SeedAsync(int students)
    {
        await garnet.Redis.GetServers()[0].FlushDatabaseAsync();
        for (var i = 0; i < students; i++)
        {
            await Responses.AddAsync(AnalysisTestData.Enriched(i));
        }
    }

    [Fact]
    public async Task ExactlyOneReplicaComputesAndTheStandbyTakesOverWhenTheLeaderStops()
    {
        await SeedAsync(30);
        var first = new AnalysisReplica(garnet.Redis, _time);
        var second = new AnalysisReplica(garnet.Redis, _time);

        Assert.Equal(AnalysisTickOutcome.Ran, await first.Worker.TickAsync());
        Assert.Equal(AnalysisTickOutcome.Standby, await second.Worker.TickAsync());
        Assert.Equal(AnalysisRunOutcome.Published, first.LastRun!.Outcome);

        await Responses.AddAsync(AnalysisTestData.Enriched(30));
        Assert.Equal(AnalysisTickOutcome.Waiting, await first.Worker.TickAsync()); // debounced
        Assert.Equal(AnalysisTickOutcome.Standby, await second.Worker.TickAsync());
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(AnalysisTickOutcome.Ran, await first.Worker.TickAsync());
        Assert.Equal(AnalysisTickOutcome.Standby, await second.Worker.TickAsync());
        Assert.Equal(2, first.LastRun!.Version);
        Assert.Null(second.LastRun);

        await first.Worker.StopLeadingAsync();
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(AnalysisTickOutcome.Ran, await second.Worker.TickAsync());
        Assert.Equal(AnalysisTickOutcome.Standby, await first.Worker.TickAsync());
        // The new leader analysed the same data: same fingerprint, so no new version.
        Assert.Equal(AnalysisRunOutcome.SnapshotUnchanged, second.LastRun!.Outcome);
        Assert.Equal(2, (await Snapshots.GetCurrentPointerAsync())!.Version);
    }

    [Fact]
    public async Task TheStandbyTakesOverWhenTheLeaderDies()
    {
        await garnet.Redis.GetServers()[0].FlushDatabaseAsync();
        var dying = new AnalysisReplica(garnet.Redis, _time, new AnalysisOptions { LockExpiry = TimeSpan.FromMilliseconds(300), LockRenewInterval = TimeSpan.FromMilliseconds(100) });
        var standby = new AnalysisReplica(garnet.Redis, _time);
        Assert.Equal(AnalysisTickOutcome.Ran, await dying.Worker.TickAsync());
        Assert.Equal(AnalysisRunOutcome.NoData, dying.LastRun!.Outcome);
        Assert.Equal(AnalysisTickOutcome.Standby, await standby.Worker.TickAsync());

        // The leader stops ticking without releasing; its lock expires in Redis.
        await LockTestWaits.UntilTheLockIsGoneAsync(garnet.Redis);
        for (var i = 0; i < 25; i++)
        {
            await Responses.AddAsync(AnalysisTestData.Enriched(i));
        }

        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(AnalysisTickOutcome.Ran, await standby.Worker.TickAsync());
        Assert.Equal(AnalysisRunOutcome.Published, standby.LastRun!.Outcome);
        Assert.Equal(AnalysisTickOutcome.Standby, await dying.Worker.TickAsync());
    }

    [Fact]
    public async Task WritesAVersionedSnapshotMakesItCurrentAndAnnouncesIt()
    {
        await SeedAsync(30);
        var announced = new TaskCompletionSource<StoreEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        var channel = RedisChannel.Literal(RedisKeys.EventsChannel);
        await garnet.Redis.GetSubscriber().SubscribeAsync(channel, (_, message) =>
        {
            var storeEvent = JsonSerializer.Deserialize<StoreEvent>(message.ToString(), DashboardJson.Options)!;
            if (storeEvent.Type == StoreEvent.SnapshotUpdated)
            {
                announced.TrySetResult(storeEvent);
            }
        });
        var replica = new AnalysisReplica(garnet.Redis, _time);

        await replica.Worker.TickAsync();

        var version = replica.LastRun!.Version!.Value;
        var pointer = await Snapshots.GetCurrentPointerAsync();
        var stored = await Snapshots.GetAsync<AnalysisSnapshot>(version);
        Assert.Equal(version, pointer!.Version);
        Assert.Equal("demo", pointer.Source);
        Assert.Equal(stored!.Snapshot.Version, pointer.Fingerprint);
        Assert.Equal(30, stored.Snapshot.Points.Count);
        Assert.Equal(_time.GetUtcNow(), stored.PublishedAt);
        var storeEvent = await announced.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(("demo", version.ToString(System.Globalization.CultureInfo.InvariantCulture)), (storeEvent.Source, storeEvent.Id));
        await garnet.Redis.GetSubscriber().UnsubscribeAllAsync();
    }

    [Fact]
    public async Task UnchangedDataGivesNoNewVersionAndTheSameSnapshot()
    {
        await SeedAsync(30);
        var replica = new AnalysisReplica(garnet.Redis, _time);
        await replica.Worker.TickAsync();
        var published = replica.LastRun!;

        // The periodic reread finds the same input: the engine is not even run.
        _time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(AnalysisTickOutcome.Waiting, await replica.Worker.TickAsync());
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(AnalysisTickOutcome.Ran, await replica.Worker.TickAsync());
        Assert.Equal(AnalysisRunOutcome.InputUnchanged, replica.LastRun!.Outcome);

        // A fresh replica runs the engine on the same data and gets the same fingerprint: nothing written.
        var fresh = new AnalysisReplica(garnet.Redis, _time);
        var rerun = await fresh.Runner.RunAsync("demo");
        Assert.Equal(AnalysisRunOutcome.SnapshotUnchanged, rerun.Outcome);
        Assert.Equal(published.Fingerprint, rerun.Fingerprint);
        Assert.Equal(published.Version, (await Snapshots.GetCurrentPointerAsync())!.Version);

        // Same data, same content (apart from when it was trained).
        var stored = (await Snapshots.GetCurrentAsync<AnalysisSnapshot>())!.Snapshot;
        var again = AnalysisEngine.Run(AnalysisInput.From(await Responses.GetAllAsync("demo")).Rows, AnalysisReplica.FastSettings, _time);
        Assert.Equal(
            JsonSerializer.Serialize(again with { TrainedAt = default }, DashboardJson.Options),
            JsonSerializer.Serialize(stored with { TrainedAt = default }, DashboardJson.Options));
    }

    [Fact]
    public async Task TheRecheckReadsTheClassOnlyAfterAWrite()
    {
        await SeedAsync(30);
        var replica = new AnalysisReplica(garnet.Redis, _time);
        Assert.True(await replica.Lock.EnsureAsync());
        Assert.Equal(AnalysisRunOutcome.Published, (await replica.Runner.RunAsync("demo")).Outcome);

        // A document slipped into the hash behind the store's back bumps no change counter: a runner that still read the
        // whole class on every recheck would see a new input and run the engine.
        var sneaked = AnalysisTestData.Enriched(30);
        var db = garnet.Redis.GetDatabase();
        await db.HashSetAsync(RedisKeys.Responses("demo"), sneaked.Response.Id, JsonSerializer.Serialize(sneaked, DashboardJson.Options));
        await db.SortedSetAddAsync(RedisKeys.ResponsesByTime("demo"), sneaked.Response.Id, sneaked.Response.SubmittedAt.ToUnixTimeMilliseconds());
        var unchanged = await replica.Runner.RunAsync("demo");
        Assert.Equal(AnalysisRunOutcome.InputUnchanged, unchanged.Outcome);
        Assert.Equal(30, unchanged.Rows);

        // A write through the store is noticed, and the run reads everything, the slipped-in answer too.
        await Responses.AddAsync(AnalysisTestData.Enriched(31));
        var rerun = await replica.Runner.RunAsync("demo");
        Assert.Equal(AnalysisRunOutcome.Published, rerun.Outcome);
        Assert.Equal(32, rerun.Rows);
    }

    [Fact]
    public async Task OnlyEnrichedLatestResponsesOfTheActiveSourceAreAnalysed()
    {
        await SeedAsync(30);
        await Responses.AddAsync(AnalysisTestData.Pending(30));
        await Responses.AddAsync(AnalysisTestData.Unmatched(31));
        await Responses.AddAsync(AnalysisTestData.SupersededBy(32, laterId: "demo-0033"));
        await Responses.AddAsync(AnalysisTestData.Enriched(33));
        await Responses.AddAsync(AnalysisTestData.Enriched(34, source: "csv"));
        var replica = new AnalysisReplica(garnet.Redis, _time);

        await replica.Worker.TickAsync();

        var snapshot = (await Snapshots.GetCurrentAsync<AnalysisSnapshot>())!.Snapshot;
        var expected = Enumerable.Range(0, 30).Select(i => $"demo-{i:D4}").Append("demo-0033").Order();
        Assert.Equal(expected, snapshot.Points.Select(p => p.Id).Order());
        Assert.Equal(31, snapshot.InputRows);
        Assert.All(snapshot.Points, p => Assert.False(string.IsNullOrEmpty(p.Label)));
    }

    [Fact]
    public async Task AnEnrichmentEventOfTheActiveSourceIsNoticed()
    {
        await SeedAsync(30);
        var replica = new AnalysisReplica(garnet.Redis, _time);
        await replica.Worker.TickAsync();

        // Enrichment finished for a response whose counts did not change: only the event tells.
        var changed = AnalysisTestData.Enriched(3) with { Features = AnalysisTestData.Enriched(4).Features };
        await Responses.UpdateAsync(changed.Response.Source, changed.Response.Id, _ => changed);
        await Responses.PublishAsync(new StoreEvent("responses-enriched", "demo", null, _time.GetUtcNow()));
        await WaitForEventDeliveryAsync(replica);
        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(AnalysisTickOutcome.Ran, await replica.Worker.TickAsync());
        Assert.Equal(AnalysisRunOutcome.Published, replica.LastRun!.Outcome);
    }

    /// <summary>Pub/sub delivery is asynchronous: tick until the worker has noticed, without moving the fake clock.</summary>
    private static async Task WaitForEventDeliveryAsync(AnalysisReplica replica)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await replica.Worker.TickAsync() != AnalysisTickOutcome.Waiting || !replica.Worker.HasPendingChange)
        {
            Assert.True(DateTime.UtcNow < deadline, "The event never arrived.");
            await Task.Delay(20);
        }
    }
}
