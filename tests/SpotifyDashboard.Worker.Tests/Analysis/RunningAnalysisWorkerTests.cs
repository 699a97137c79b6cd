using SpotifyDashboard.Analysis;
using SpotifyDashboard.Core.Analysis;
using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Worker.Analysis;

namespace SpotifyDashboard.Worker.Tests.Analysis;

/// <summary>The worker as the host runs it: its own timer loop on the real clock.</summary>
public class RunningAnalysisWorkerTests(GarnetFixture garnet) : IClassFixture<GarnetFixture>
{
    [Fact]
    public async Task ARunningWorkerPublishesASnapshotAndGivesTheLockBackWhenStopped()
    {
        await garnet.Redis.GetServers()[0].FlushDatabaseAsync();
        var responses = new SurveyResponseStore(garnet.Redis);
        for (var i = 0; i < 20; i++)
        {
            await responses.AddAsync(AnalysisTestData.Enriched(i));
        }

        var schedule = new AnalysisOptions { CheckInterval = TimeSpan.FromMilliseconds(50), Debounce = TimeSpan.Zero };
        var replica = new AnalysisReplica(garnet.Redis, TimeProvider.System, schedule);

        await replica.Worker.StartAsync(CancellationToken.None);
        var snapshots = new SnapshotStore(garnet.Redis);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await snapshots.GetCurrentPointerAsync() is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "No snapshot was published.");
            await Task.Delay(50);
        }

        Assert.Equal(replica.Lock.Token, (await garnet.Redis.GetDatabase().LockQueryAsync(RedisKeys.WorkerLock)).ToString());
        await replica.Worker.StopAsync(CancellationToken.None);

        Assert.False(await garnet.Redis.GetDatabase().KeyExistsAsync(RedisKeys.WorkerLock));
        Assert.Equal(20, (await snapshots.GetCurrentAsync<AnalysisSnapshot>())!.Snapshot.Points.Count);
    }
}
