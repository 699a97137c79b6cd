using System.Text.Json;
using SpotifyDashboard.Core.Contracts.Admin;
using SpotifyDashboard.Core.Storage;
using StackExchange.Redis;

namespace SpotifyDashboard.Worker.Commands;

/// <summary>
/// Takes the teacher's commands off <see cref="RedisKeys.WorkerCommands"/> (the api RPUSHes, this LPOPs: first come,
/// first served) and runs them one at a time with <see cref="WorkerCommandRunner"/>. Only the leading replica pops,
/// so a command runs once; a standby leaves the list alone.
/// </summary>
public sealed partial class WorkerCommandWorker(
    WorkerCommandRunner runner,
    IWorkerLeadership leadership,
    IConnectionMultiplexer redis,
    TimeProvider time,
    ILogger<WorkerCommandWorker> logger) : BackgroundService
{
    /// <summary>How soon a queued command starts, at worst.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(PollInterval, time);
        try
        {
            do
            {
                try
                {
                    while (await TickAsync(stoppingToken) is not null)
                    {
                        // Drain what is queued before waiting again.
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogTickFailed(ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Pops and runs one command if this replica leads; the command, or null when none ran.</summary>
    internal async Task<WorkerCommand?> TickAsync(CancellationToken cancellationToken = default)
    {
        if (!await leadership.EnsureLeadingAsync())
        {
            return null;
        }

        var value = await redis.GetDatabase().ListLeftPopAsync(RedisKeys.WorkerCommands);
        if (value.IsNullOrEmpty)
        {
            return null;
        }

        WorkerCommand? command;
        try
        {
            command = JsonSerializer.Deserialize<WorkerCommand>(value.ToString(), DashboardJson.Options);
        }
        catch (JsonException ex)
        {
            LogInvalidCommand(ex);
            return null;
        }

        if (command is null)
        {
            return null;
        }

        LogRunning(command.Id, command.Type, command.RequestedAt);
        await runner.RunAsync(command, cancellationToken);
        return command;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Worker command tick failed; trying again next tick")]
    private partial void LogTickFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropping a worker command that is not valid JSON")]
    private partial void LogInvalidCommand(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Running worker command {Id} ({Type}) queued at {RequestedAt}")]
    private partial void LogRunning(string id, string type, DateTimeOffset requestedAt);
}
