using SpotifyDashboard.Core.Storage;
using StackExchange.Redis;

namespace SpotifyDashboard.Worker.Tests.Analysis;

/// <summary>Redis expires keys in real time; the fake clock cannot move it.</summary>
public static class LockTestWaits
{
    public static async Task UntilTheLockIsGoneAsync(IConnectionMultiplexer redis)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await redis.GetDatabase().KeyExistsAsync(RedisKeys.WorkerLock))
        {
            Assert.True(DateTime.UtcNow < deadline, "The lock did not expire.");
            await Task.Delay(50);
        }
    }
}
