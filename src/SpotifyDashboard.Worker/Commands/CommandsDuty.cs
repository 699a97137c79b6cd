using SpotifyDashboard.Core.Commands;
using SpotifyDashboard.Core.Contracts.Admin;
using SpotifyDashboard.Core.Duties;

namespace SpotifyDashboard.Worker.Commands;

/// <summary>
/// The commands duty: takes the teacher's commands off the <see cref="WorkerCommandQueue"/>, first come first served,
/// and runs them one at a time with <see cref="WorkerCommandRunner"/>, every queued one at each step.
/// </summary>
public sealed partial class CommandsDuty(
    WorkerCommandQueue queue,
    WorkerCommandRunner runner,
    ILogger<CommandsDuty> logger) : IWorkerDuty
{
    public string Name => "commands";

    /// <summary>How soon a queued command starts, at worst.</summary>
    public TimeSpan Interval => TimeSpan.FromSeconds(1);

    public async Task<string?> StepAsync(CancellationToken cancellationToken)
    {
        while (await RunNextAsync(cancellationToken) is not null)
        {
            // Drain what is queued before waiting again.
        }

        return null;
    }

    /// <summary>Takes and runs the oldest command; the command, or null when none waited.</summary>
    internal async Task<WorkerCommand?> RunNextAsync(CancellationToken cancellationToken = default)
    {
        if (await queue.TakeAsync() is not { } command)
        {
            return null;
        }

        LogRunning(command.Id, command.Type, command.RequestedAt);
        await runner.RunAsync(command, cancellationToken);
        return command;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Running worker command {Id} ({Type}) queued at {RequestedAt}")]
    private partial void LogRunning(string id, string type, DateTimeOffset requestedAt);
}
