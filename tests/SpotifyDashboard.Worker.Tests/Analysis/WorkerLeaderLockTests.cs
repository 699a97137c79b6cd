using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Worker.Analysis;
using SpotifyDashboard.Analysis;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace SpotifyDashboard.Worker.Tests.Analysis;

public class WorkerLeaderLockTests(GarnetFixture garnet) : IClassFixture<GarnetFixture>
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 10, 1, 12, 0, 0, TimeSpan.Zero));

    private WorkerLeaderLock CreateLock(AnalysisOptions? schedule = null) =>
        new(garnet.Redis, MsOptions.Create(schedule ?? new AnalysisOptions()), _time, NullLogger<WorkerLeaderLock>.Instance);

    [Fact]
    public async Task OnlyOneReplicaTakesTheLock()
    {
        await garnet.Redis.GetServers()[0].FlushDatabaseAsync();
        var first = CreateLock();
        var second = CreateLock();

        Assert.True(await first.EnsureAsync());
        Assert.False(await second.EnsureAsync());

        Assert.Equal(first.Token, (await garnet.Redis.GetDatabase().LockQueryAsync(RedisKeys.WorkerLock)).ToString());
        Assert.Equal(LeaderRole.Leader, first.Status.Role);
        Assert.Equal(LeaderRole.Standby, second.Status.Role);
    }

    [Fact]
    public async Task TheLeaderRenewsItsLockBeforeItExpires()
    {
        await garnet.Redis.GetServers()[0].FlushDatabaseAsync();
        var leader = CreateLock();
        Assert.True(await leader.EnsureAsync());
        var db = garnet.Redis.GetDatabase();
        await db.KeyExpireAsync(RedisKeys.WorkerLock, TimeSpan.FromSeconds(3));

        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.True(await leader.EnsureAsync());

        // LockExtend (a WATCH/MULTI transaction, no Lua) restored the full 30 s expiry on Garnet.
        Assert.True(await db.KeyTimeToLiveAsync(RedisKeys.WorkerLock) > TimeSpan.FromSeconds(20));
        Assert.Equal(leader.Token, (await db.LockQueryAsync(RedisKeys.WorkerLock)).ToString());
    }

    [Fact]
    public async Task AReleasedLockGoesToTheStandbyOnItsNextAttempt()
    {
        await garnet.Redis.GetServers()[0].FlushDatabaseAsync();
        var leader = CreateLock();
        var standby = CreateLock();
        Assert.True(await leader.EnsureAsync());
        Assert.False(await standby.EnsureAsync());

        await leader.ReleaseAsync();
        Assert.False(await standby.EnsureAsync()); // waits for its StandbyRetryInterval
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.True(await standby.EnsureAsync());
        Assert.False(leader.IsLeader);
    }

    [Fact]
    public async Task TheStandbyTakesOverWhenTheLeadersLockExpires()
    {
        await garnet.Redis.GetServers()[0].FlushDatabaseAsync();
        var dying = CreateLock(new AnalysisOptions { LockExpiry = TimeSpan.FromMilliseconds(300), LockRenewInterval = TimeSpan.FromMilliseconds(100) });
        var standby = CreateLock();
        Assert.True(await dying.EnsureAsync());

        await LockTestWaits.UntilTheLockIsGoneAsync(garnet.Redis);
        _time.Advance(TimeSpan.FromSeconds(6));

        Assert.True(await standby.EnsureAsync());
        Assert.False(await dying.EnsureAsync());
        Assert.Equal(LeaderRole.Standby, dying.Status.Role);
        Assert.NotNull(dying.Status.LastError);
    }

    [Fact]
    public async Task ALeaderThatWasPausedKeepsTheLockIfNobodyTookIt()
    {
        await garnet.Redis.GetServers()[0].FlushDatabaseAsync();
        var leader = CreateLock();
        Assert.True(await leader.EnsureAsync());

        _time.Advance(TimeSpan.FromMinutes(1)); // its own view says "expired", but Redis (real time) still holds its token

        Assert.True(await leader.EnsureAsync());
        Assert.Equal(leader.Token, (await garnet.Redis.GetDatabase().LockQueryAsync(RedisKeys.WorkerLock)).ToString());
    }
}
