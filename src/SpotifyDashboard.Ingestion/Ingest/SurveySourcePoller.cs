using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpotifyDashboard.Core.Options;
using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Core.Survey;
using SpotifyDashboard.Ingestion.Mapping;
using SpotifyDashboard.Ingestion.Reading;

namespace SpotifyDashboard.Ingestion.Ingest;

/// <summary>
/// One poll of the active source (<c>Survey:Source</c>, or the teacher's run-time choice in <see cref="ActiveSourceStore"/>): read, ingest, and on a problem a person must fix (missing
/// setting, sheet not shared, missing column) put the message in the source's status and keep the
/// last good data. Problems of our own (e.g. the cache unreachable) are thrown to the worker.
/// </summary>
public sealed class SurveySourcePoller(
    SurveyTableReaderFactory readers,
    SurveyIngestor ingestor,
    SourceStatusStore statuses,
    ActiveSourceStore activeSource,
    IOptions<SurveyOptions> survey,
    ILogger<SurveySourcePoller> logger)
{
    public static readonly ActivitySource ActivitySource = new("SpotifyDashboard.Ingestion");

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

        try
        {
            var reader = await readers.ForAsync(kind);
            var table = await reader.ReadAsync(cancellationToken);
            var result = await ingestor.IngestAsync(source, kind, table, cancellationToken, fullRead);
            activity?.SetTag("survey.rows", result.RowsRead);
            activity?.SetTag("survey.new_rows", result.NewRows);
            return result;
        }
        catch (Exception ex) when (ex is SurveySourceException or HeaderMappingException)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            await ReportAsync(source, kind, ex.Message);
            return null;
        }
    }

    /// <summary>Keeps the counts of the last good read; only the error changes.</summary>
    private async Task ReportAsync(string source, SurveySourceKind kind, string error)
    {
        // These messages name settings, sheet ids, headers and status codes, never cell values or names.
        logger.LogWarning("Survey source {Source} cannot be read: {Error}", source, error);
        var status = await statuses.GetAsync(source) ?? new SourceStatus { Name = source, Kind = kind.ToString() };
        await statuses.SetAsync(status with { Error = error });
    }
}
