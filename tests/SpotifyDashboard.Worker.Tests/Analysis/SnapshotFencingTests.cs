using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SpotifyDashboard.Core.Analysis;
using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Worker.Analysis;
using SpotifyDashboard.Analysis;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace SpotifyDashboard.Worker.Tests.Analysis;

public class SnapshotFencingTests(GarnetFixture garnet) : IClassFixture<GarnetFixture>
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 10, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task ALeaderPausedPastItsLockCannotOverwriteItsSuccessorsSnapshot()
    {
        await garnet.FlushAsync();
        var snapshots = new SnapshotStore(garnet.Redis);
        var paused = Lock(TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(100));
        var successor = Lock(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10));
        Assert.True(await paused.EnsureAsync());

        // The leader hangs (a long GC, a frozen VM): its lock expires and the standby takes over and publishes.
        await LockTestWaits.UntilTheLockIsGoneAsync(garnet.Redis);
        Assert.True(await successor.EnsureAsync());
        var newer = await snapshots.SaveFencedAsync("demo", "newer", "successor's snapshot", _time.GetUtcNow(), TimeSpan.FromHours(1), RedisKeys.WorkerLock, successor.Token);
        Assert.NotNull(newer);

        // The old leader wakes up and writes the snapshot it computed before the pause.
        var stale = await snapshots.SaveFencedAsync("demo", "older", "paused leader's snapshot", _time.GetUtcNow(), TimeSpan.FromHours(1), RedisKeys.WorkerLock, paused.Token);

        Assert.Null(stale);
        var current = await snapshots.GetCurrentAsync<string>();
        Assert.Equal(newer.Version, current!.Version);
        Assert.Equal("successor's snapshot", current.Snapshot);
    }

    [Fact]
    public async Task WithoutALockHolderNoFencedSnapshotIsWritten()
    {
        await garnet.FlushAsync();
        var snapshots = new SnapshotStore(garnet.Redis);

        var written = await snapshots.SaveFencedAsync("demo", "f", "snapshot", _time.GetUtcNow(), TimeSpan.FromHours(1), RedisKeys.WorkerLock, "nobody's token");

        Assert.Null(written);
        Assert.Null(await snapshots.GetCurrentPointerAsync());
    }

    private WorkerLeaderLock Lock(TimeSpan expiry, TimeSpan renew) =>
        new(garnet.Redis, MsOptions.Create(new AnalysisOptions { LockExpiry = expiry, LockRenewInterval = renew }), _time, NullLogger<WorkerLeaderLock>.Instance);
}
