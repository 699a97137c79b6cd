using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using SpotifyDashboard.Core.Analysis;
using SpotifyDashboard.Core.Contracts.Admin;
using SpotifyDashboard.Core.Music;
using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Core.Survey;
using SpotifyDashboard.Enrichment.Cache;
using SpotifyDashboard.Enrichment.Lookup;
using StackExchange.Redis;

namespace SpotifyDashboard.Worker.Tests;

public sealed class WorkerReplicasTests(GarnetFixture garnet) : IClassFixture<GarnetFixture>, IAsyncLifetime
{
    private const int Students = 30;

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private readonly CountingSongLookup _lookup = new();

    private SurveyResponseStore Responses => new(garnet.Redis);

    public async Task InitializeAsync()
    {
        await garnet.FlushAsync();
        // The teacher uploads a CSV: it becomes the active source, while Survey:Source stays Demo.
        await garnet.Redis.GetDatabase().StringSetAsync(RedisKeys.UploadedCsv, WorkerReplica.ClassCsv(Students));
        await new ActiveSourceStore(garnet.Redis).SetOverrideAsync(SurveySourceKind.Csv);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TwoReplicasOnOneStoreReadTheSourceOnceAndLookEachSongUpOnce()
    {
        await using var first = new WorkerReplica(garnet.ConnectionString, _time, _lookup);
        await using var second = new WorkerReplica(garnet.ConnectionString, _time, _lookup);

        Assert.True(await first.Ingestion.TickAsync(CancellationToken.None));
        Assert.False(await second.Ingestion.TickAsync(CancellationToken.None));
        Assert.Equal(Students, await Responses.CountAsync("csv"));

        var run = await first.Enrichment.TickAsync();
        Assert.Null(await second.Enrichment.TickAsync());

        Assert.Equal(Students, run!.Pending);
        Assert.All(_lookup.Calls.Values, calls => Assert.Equal(1, calls));
        Assert.Empty(await Responses.GetPendingIdsAsync("csv"));
        Assert.All(await Responses.GetAllAsync("csv"), r => Assert.Equal(EnrichmentState.Enriched, r.Enrichment));

        // The leader stops; the standby takes over on its next try and reads what is new, once.
        await first.Lock.ReleaseAsync();
        _time.Advance(TimeSpan.FromSeconds(5));
        await garnet.Redis.GetDatabase().StringSetAsync(RedisKeys.UploadedCsv, WorkerReplica.ClassCsv(Students + 1));
        Assert.True(await second.Ingestion.TickAsync(CancellationToken.None));
        Assert.False(await first.Ingestion.TickAsync(CancellationToken.None));
        Assert.Equal(Students + 1, await Responses.CountAsync("csv"));
    }

    [Fact]
    public async Task ARefreshRereadsReenrichesAndReanalysesAndEndsDoneWithItsProgressFollowable()
    {
        await using var worker = new WorkerReplica(garnet.ConnectionString, _time, _lookup);
        await worker.Ingestion.TickAsync(CancellationToken.None);
        await worker.Enrichment.TickAsync();
        var songs = worker.Get<SongCache>();
        var missed = SongKeyOf((await Responses.GetAllAsync("csv"))[0]);
        var found = SongKeyOf((await Responses.GetAllAsync("csv"))[1]);
        await songs.SetAsync(missed, new CachedSong(null, null, "no match", _time.GetUtcNow()), CancellationToken.None);
        await songs.SetAsync(found, new CachedSong(new Track { Id = "t", Name = "n", Artists = ["a"] }, new AudioFeatures(), null, _time.GetUtcNow()), CancellationToken.None);
        _lookup.Calls.Clear();
        var events = await CollectRefreshEventsAsync();

        await QueueAsync(new WorkerCommand("refresh-1", WorkerCommand.RefreshType, _time.GetUtcNow(), new RefreshRequest()));
        var ran = await worker.Commands.TickAsync();

        Assert.Equal("refresh-1", ran?.Id);
        var progress = await ReadProgressAsync("refresh-1");
        Assert.Equal(RefreshStages.Done, progress.Stage);
        Assert.Contains($"Read {Students} rows", progress.Message);
        Assert.InRange((await garnet.Redis.GetDatabase().KeyTimeToLiveAsync(RedisKeys.Refresh("refresh-1")))!.Value, TimeSpan.FromHours(23), TimeSpan.FromDays(1));
        // Every answer went back to pending and was looked up again; the cached miss was forgotten, the hit kept.
        Assert.Equal(Students, _lookup.Calls.Count);
        Assert.Null(await songs.GetAsync(missed, CancellationToken.None));
        Assert.NotNull(await songs.GetAsync(found, CancellationToken.None));
        Assert.All(await Responses.GetAllAsync("csv"), r => Assert.Equal(EnrichmentState.Enriched, r.Enrichment));
        var snapshot = await new SnapshotStore(garnet.Redis).GetCurrentPointerAsync();
        Assert.Equal("csv", snapshot?.Source);
        // The clock does not move: each of the four stages (reading, enriching, analysing, done) is announced once,
        // however often it reported.
        await WaitUntilAsync(() => events.Count >= 4);
        await Task.Delay(100);
        Assert.Equal(4, events.Count);
        Assert.All(events, e => Assert.Equal(("refresh-1", "csv"), (e.Id, e.Source)));
    }

    [Fact]
    public async Task ARefreshOfASourceThatCannotBeReadEndsFailedWithThePlainReason()
    {
        await using var worker = new WorkerReplica(garnet.ConnectionString, _time, _lookup);
        await garnet.Redis.GetDatabase().StringSetAsync(RedisKeys.UploadedCsv, "Name,Age\r\nAna,20\r\n");

        await QueueAsync(new WorkerCommand("refresh-2", WorkerCommand.RefreshType, _time.GetUtcNow(), new RefreshRequest(Reenrich: false, Reanalyse: false)));
        await worker.Commands.TickAsync();

        var progress = await ReadProgressAsync("refresh-2");
        Assert.Equal(RefreshStages.Failed, progress.Stage);
        Assert.StartsWith("Reading the csv source failed:", progress.Message);
    }

    [Fact]
    public async Task AStandbyLeavesCommandsToTheLeaderAndReadNowReadsAtOnce()
    {
        await using var leader = new WorkerReplica(garnet.ConnectionString, _time, _lookup);
        await using var standby = new WorkerReplica(garnet.ConnectionString, _time, _lookup);
        await leader.Ingestion.TickAsync(CancellationToken.None);
        await garnet.Redis.GetDatabase().StringSetAsync(RedisKeys.UploadedCsv, WorkerReplica.ClassCsv(Students + 2));

        await QueueAsync(new WorkerCommand("read-1", WorkerCommand.ReadNowType, _time.GetUtcNow(), null));
        Assert.Null(await standby.Commands.TickAsync());
        Assert.Equal(1, await garnet.Redis.GetDatabase().ListLengthAsync(RedisKeys.WorkerCommands));

        Assert.Equal("read-1", (await leader.Commands.TickAsync())?.Id);
        Assert.Equal(Students + 2, await Responses.CountAsync("csv"));
        Assert.Equal(0, await garnet.Redis.GetDatabase().ListLengthAsync(RedisKeys.WorkerCommands));
    }

    private Task QueueAsync(WorkerCommand command) =>
        garnet.Redis.GetDatabase().ListRightPushAsync(RedisKeys.WorkerCommands, JsonSerializer.Serialize(command, DashboardJson.Options));

    private async Task<RefreshProgress> ReadProgressAsync(string id) =>
        JsonSerializer.Deserialize<RefreshProgress>((await garnet.Redis.GetDatabase().StringGetAsync(RedisKeys.Refresh(id))).ToString(), DashboardJson.Options)!;

    private async Task<ConcurrentQueue<StoreEvent>> CollectRefreshEventsAsync()
    {
        var seen = new ConcurrentQueue<StoreEvent>();
        var queue = await garnet.Redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(RedisKeys.EventsChannel));
        queue.OnMessage(message =>
        {
            var storeEvent = JsonSerializer.Deserialize<StoreEvent>(message.Message.ToString(), DashboardJson.Options)!;
            if (storeEvent.Type == StoreEvent.RefreshProgress)
            {
                seen.Enqueue(storeEvent);
            }
        });
        return seen;
    }

    private static string SongKeyOf(EnrichedResponse response) => new SongQuery(response.Response.FavoriteSong, response.Response.Artist).Key;

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(20);
        }
    }
}
