using System.Text.Json;
using Microsoft.Extensions.Logging;
using SpotifyDashboard.Core.Contracts.Admin;
using SpotifyDashboard.Core.Storage;
using StackExchange.Redis;

namespace SpotifyDashboard.Core.Commands;

/// <summary>
/// The teacher's commands for the worker (refresh, read now) at <see cref="RedisKeys.WorkerCommands"/>: the api queues
/// them at the tail (RPUSH), the leading worker replica takes them from the head (LPOP), so each runs once and in the
/// order it was asked for.
/// </summary>
public sealed partial class WorkerCommandQueue(IConnectionMultiplexer redis, TimeProvider time, ILogger<WorkerCommandQueue> logger)
{
    /// <summary>The api's side: queues a command and returns it (its id lets the teacher follow a refresh).</summary>
    public async Task<WorkerCommand> QueueAsync(string type, RefreshRequest? refresh = null, string? id = null)
    {
        var command = new WorkerCommand(id ?? NewId(), type, time.GetUtcNow(), refresh);
        await redis.GetDatabase().ListRightPushAsync(RedisKeys.WorkerCommands, JsonSerializer.Serialize(command, DashboardJson.Options));
        return command;
    }

    /// <summary>The worker's side: the oldest command, or null when none waits. One that is not valid JSON is dropped.</summary>
    public async Task<WorkerCommand?> TakeAsync()
    {
        var value = await redis.GetDatabase().ListLeftPopAsync(RedisKeys.WorkerCommands);
        if (value.IsNullOrEmpty)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<WorkerCommand>(value.ToString(), DashboardJson.Options);
        }
        catch (JsonException ex)
        {
            LogInvalidCommand(logger, ex);
            return null;
        }
    }

    public static string NewId() => Guid.NewGuid().ToString("N");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropping a worker command that is not valid JSON")]
    private static partial void LogInvalidCommand(ILogger logger, Exception exception);
}
