using System.Text.Json;
using SpotifyDashboard.Core.Contracts.Admin;
using SpotifyDashboard.Core.Storage;
using StackExchange.Redis;

namespace SpotifyDashboard.Api.Admin;

/// <summary>
/// Queues commands for the worker at the tail of <see cref="RedisKeys.WorkerCommands"/> (RPUSH), so the leader that
/// pops from the head (LPOP) runs them in the order they were asked for.
/// </summary>
public sealed class WorkerCommandQueue(IConnectionMultiplexer redis, TimeProvider time)
{
    public async Task<WorkerCommand> QueueAsync(string type, RefreshRequest? refresh = null, string? id = null)
    {
        var command = new WorkerCommand(id ?? NewId(), type, time.GetUtcNow(), refresh);
        await redis.GetDatabase().ListRightPushAsync(RedisKeys.WorkerCommands, JsonSerializer.Serialize(command, DashboardJson.Options));
        return command;
    }

    public static string NewId() => Guid.NewGuid().ToString("N");
}
