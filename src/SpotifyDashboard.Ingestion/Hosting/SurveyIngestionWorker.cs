using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpotifyDashboard.Core.Configuration;
using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Core.Survey;
using SpotifyDashboard.Ingestion.Ingest;

namespace SpotifyDashboard.Ingestion.Hosting;

/// <summary>
/// Polls the active survey source every <c>Survey:PollInterval</c> while this process leads the worker
/// (<see cref="IWorkerLeadership"/>), so several replicas read each row once. The source is resolved each tick
/// (<see cref="ActiveSourceStore"/>): an upload switches to CSV without a restart, and the demo source is left to
/// its own worker. One DI scope per read; a failed tick is logged and the next one tries again, so the last good
/// data stays served. Reads never overlap: a <see cref="ReadNowAsync"/> between polls waits for a running poll.
/// </summary>
public sealed partial class SurveyIngestionWorker(
    IServiceScopeFactory scopes,
    IWorkerLeadership leadership,
    IOptions<SurveyOptions> survey,
    TimeProvider time,
    ILogger<SurveyIngestionWorker> logger) : BackgroundService
{
    /// <summary>The Sheets quota is 60 reads a minute; polling faster than this buys nothing.</summary>
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _oneReadAtATime = new(1, 1);

    /// <summary>When the last tick ended and how; a host may report it in a health check.</summary>
    public DateTimeOffset? LastTickAt { get; private set; }

    public string? LastTickError { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = survey.Value.PollInterval < MinimumInterval ? MinimumInterval : survey.Value.PollInterval;
        LogPolling(interval, survey.Value.Source);
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            await TickAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One poll if this process leads; false when another replica does (and reads instead).</summary>
    public async Task<bool> TickAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (!await leadership.EnsureLeadingAsync())
            {
                return false;
            }

            await ReadNowAsync(cancellationToken);
            LastTickError = null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // E.g. the cache is restarting: nothing was lost, the next tick reads again.
            LogTickFailed(ex);
            LastTickError = ex.Message;
        }
        finally
        {
            LastTickAt = time.GetUtcNow();
        }

        return true;
    }

    /// <summary>
    /// Reads the active source now, between polls (the teacher's read-now or refresh; the caller checks leadership).
    /// Null when the source is the demo or could not be read (its status says why); our own failures are thrown.
    /// </summary>
    /// <param name="fullRead">Ignore the checkpoint and read every row again; idempotent, the store is made to match.</param>
    public async Task<IngestResult?> ReadNowAsync(CancellationToken cancellationToken, bool fullRead = false)
    {
        await _oneReadAtATime.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<SurveySourcePoller>().PollAsync(cancellationToken, fullRead);
        }
        finally
        {
            _oneReadAtATime.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reading the active survey source every {Interval} while this worker leads (configured: {Source})")]
    private partial void LogPolling(TimeSpan interval, SurveySourceKind source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Survey ingestion tick failed; retrying at the next poll")]
    private partial void LogTickFailed(Exception exception);
}
