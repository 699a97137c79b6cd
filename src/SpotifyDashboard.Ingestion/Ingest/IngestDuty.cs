using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpotifyDashboard.Core.Duties;
using SpotifyDashboard.Core.Configuration;
using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Core.Survey;

namespace SpotifyDashboard.Ingestion.Ingest;

/// <summary>
/// The ingest duty: reads the active survey source every <c>Survey:PollInterval</c>. The source is resolved each step
/// (<see cref="ActiveSourceStore"/>): an upload switches to CSV without a restart, and the demo source is left to the
/// demo duty. One DI scope per read; a source that cannot be read keeps the last good data served and is the step's
/// problem. Reads never overlap: a <see cref="ReadNowAsync"/> between polls waits for a running poll.
/// </summary>
public sealed partial class IngestDuty(
    IServiceScopeFactory scopes,
    IOptions<SurveyOptions> survey,
    ILogger<IngestDuty> logger) : IWorkerDuty, IDisposable
{
    /// <summary>The Sheets quota is 60 reads a minute; polling faster than this buys nothing.</summary>
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _oneReadAtATime = new(1, 1);
    private bool _announced;

    public string Name => "ingest";

    public TimeSpan Interval => survey.Value.PollInterval < MinimumInterval ? MinimumInterval : survey.Value.PollInterval;

    public async Task<string?> StepAsync(CancellationToken cancellationToken)
    {
        if (!_announced)
        {
            _announced = true;
            LogPolling(Interval, survey.Value.Source);
        }

        return (await ReadAsync(fullRead: false, cancellationToken)).Problem;
    }

    /// <summary>
    /// Reads the active source now, between polls (the teacher's read-now or refresh; the caller checks leadership).
    /// Null when the source is the demo or could not be read (its status says why); our own failures are thrown.
    /// </summary>
    /// <param name="fullRead">Ignore the checkpoint and read every row again; idempotent, the store is made to match.</param>
    public async Task<IngestResult?> ReadNowAsync(CancellationToken cancellationToken, bool fullRead = false) =>
        (await ReadAsync(fullRead, cancellationToken)).Result;

    private async Task<(IngestResult? Result, string? Problem)> ReadAsync(bool fullRead, CancellationToken cancellationToken)
    {
        await _oneReadAtATime.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var poller = scope.ServiceProvider.GetRequiredService<SurveySourcePoller>();
            return (await poller.PollAsync(cancellationToken, fullRead), poller.Problem);
        }
        finally
        {
            _oneReadAtATime.Release();
        }
    }

    public void Dispose() => _oneReadAtATime.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Reading the active survey source every {Interval} while this worker leads (configured: {Source})")]
    private partial void LogPolling(TimeSpan interval, SurveySourceKind source);
}
