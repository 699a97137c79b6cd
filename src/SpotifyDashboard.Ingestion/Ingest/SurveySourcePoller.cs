using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;
using SpotifyDashboard.Core.Configuration;
using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Core.Survey;
using SpotifyDashboard.Core.Telemetry;
using SpotifyDashboard.Ingestion.Mapping;
using SpotifyDashboard.Ingestion.Reading;

namespace SpotifyDashboard.Ingestion.Ingest;

/// <summary>
/// One poll of the active source (<c>Survey:Source</c>, or the teacher's run-time choice in <see cref="ActiveSourceStore"/>):
/// read, ingest, and on a problem a person must fix (missing setting, sheet not shared, missing column, a source that
/// does not answer) put a short message in the source's public status and the full one in its detail, and keep the
/// last good data. Problems of our own (e.g. the cache unreachable) are thrown to the worker. Each poll of a real source
/// is one <c>ingest</c> run of <c>data_processing_time</c>, failed unless the source was read and stored.
/// </summary>
public sealed partial class SurveySourcePoller(
    SurveyTableReaderFactory readers,
    SurveyIngestor ingestor,
    SourceStatusStore statuses,
    ActiveSourceStore activeSource,
    IOptions<SurveyOptions> survey,
    PipelineTelemetry pipeline,
    ILogger<SurveySourcePoller> logger)
{
    public static readonly ActivitySource ActivitySource = new("SpotifyDashboard.Ingestion");

    /// <summary>Why this poll could not read the source, in public words; null when it could (or the demo is the source).</summary>
    public string? Problem { get; private set; }

    /// <summary>The ingest result, or null when the source is Demo or could not be read (see its status).</summary>
    /// <param name="fullRead">Ignore the checkpoint and read every row again (a refresh).</param>
    public async Task<IngestResult?> PollAsync(CancellationToken cancellationToken, bool fullRead = false)
    {
        var kind = await activeSource.ResolveAsync(survey.Value.Source);
        if (kind == SurveySourceKind.Demo)
        {
            return null;
        }

        var source = kind.StorageName();
        using var activity = ActivitySource.StartActivity("survey.ingest");
        activity?.SetTag("survey.source", source);
        using var run = pipeline.Start(PipelineStages.Ingest);

        try
        {
            var reader = await readers.ForAsync(kind);
            var table = await reader.ReadAsync(cancellationToken);
            var result = await ingestor.IngestAsync(source, kind, table, fullRead, cancellationToken);
            await statuses.SetDetailAsync(source, null);
            activity?.SetTag("survey.rows", result.RowsRead);
            activity?.SetTag("survey.new_rows", result.NewRows);
            run.Succeeded();
            return result;
        }
        catch (SurveySourceException ex)
        {
            await ReportAsync(activity, source, kind, ex.PublicMessage, ex.Message);
            return null;
        }
        catch (HeaderMappingException ex)
        {
            await ReportAsync(activity, source, kind, ex.PublicMessage, ex.Message);
            return null;
        }
        catch (Exception ex) when (IsUnanswered(ex, cancellationToken))
        {
            // The resilience handler already retried; what the upstream said (host, port) is for the detail only.
            await ReportAsync(activity, source, kind, SurveySourceException.DidNotAnswer, $"The survey source did not answer after retries: {ex.GetType().Name}: {ex.Message}");
            return null;
        }
    }

    private static bool IsUnanswered(Exception ex, CancellationToken cancellationToken) =>
        ex is HttpRequestException or TimeoutRejectedException
        || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested);

    /// <summary>
    /// Keeps the counts of the last good read; only the error changes. The public status and the trace
    /// get the short message; the log (at Warning) and the teacher's detail get the full one.
    /// </summary>
    private async Task ReportAsync(Activity? activity, string source, SurveySourceKind kind, string publicMessage, string detail)
    {
        // Neither message holds a secret's value or a cell value; the detail may name ids, paths, URLs and the account's e-mail.
        activity?.SetStatus(ActivityStatusCode.Error, publicMessage);
        Problem = $"The survey source {source} could not be read: {publicMessage}";
        LogUnreadable(source, detail);
        var status = await statuses.GetAsync(source) ?? new SourceStatus { Name = source, Kind = kind.ToString() };
        await statuses.SetAsync(status with { Error = publicMessage });
        await statuses.SetDetailAsync(source, detail);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Survey source {Source} cannot be read: {Error}")]
    private partial void LogUnreadable(string source, string error);
}
