using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpotifyDashboard.Core.Options;
using SpotifyDashboard.Core.Survey;
using SpotifyDashboard.Ingestion.Ingest;

namespace SpotifyDashboard.Ingestion.Hosting;

/// <summary>
/// Polls the survey source every <c>Survey:PollInterval</c> when <c>Survey:Source</c> is GoogleSheet or
/// Csv (the demo has its own worker). One DI scope per tick; a failed tick is logged and the next one
/// tries again, so the last good data stays served.
/// </summary>
public sealed class SurveyIngestionWorker(
    IServiceScopeFactory scopes,
    IOptions<SurveyOptions> survey,
    TimeProvider time,
    ILogger<SurveyIngestionWorker> logger) : BackgroundService
{
    /// <summary>The Sheets quota is 60 reads a minute; polling faster than this buys nothing.</summary>
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(1);

    /// <summary>When the last tick ended and how; a host may report it in a health check.</summary>
    public DateTimeOffset? LastTickAt { get; private set; }

    public string? LastTickError { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var kind = survey.Value.Source;
        if (kind is not (SurveySourceKind.GoogleSheet or SurveySourceKind.Csv))
        {
            logger.LogInformation("Survey:Source is {Source}: survey ingestion is off", kind);
            return;
        }

        var interval = survey.Value.PollInterval < MinimumInterval ? MinimumInterval : survey.Value.PollInterval;
        logger.LogInformation("Reading survey source {Source} every {Interval}", kind, interval);
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            await TickAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    internal async Task TickAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<SurveySourcePoller>().PollAsync(cancellationToken);
            LastTickError = null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // E.g. the cache is restarting: nothing was lost, the next tick reads again.
            logger.LogWarning(ex, "Survey ingestion tick failed; retrying at the next poll");
            LastTickError = ex.Message;
        }
        finally
        {
            LastTickAt = time.GetUtcNow();
        }
    }
}
