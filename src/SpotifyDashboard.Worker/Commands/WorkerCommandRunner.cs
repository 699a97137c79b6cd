using SpotifyDashboard.Core.Contracts.Admin;
using SpotifyDashboard.Core.Music;
using SpotifyDashboard.Core.Configuration;
using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Core.Survey;
using SpotifyDashboard.Enrichment;
using SpotifyDashboard.Enrichment.Cache;
using SpotifyDashboard.Enrichment.Lookup;
using SpotifyDashboard.Enrichment.Songs;
using SpotifyDashboard.Ingestion.Hosting;
using SpotifyDashboard.Worker.Analysis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace SpotifyDashboard.Worker.Commands;

/// <summary>
/// Carries out one <see cref="WorkerCommand"/> on the active source: <c>read-now</c> reads it at once; <c>refresh</c>
/// runs the stages its <see cref="RefreshRequest"/> asks for, in order: re-read (checkpoint ignored, a full and
/// idempotent read), re-enrich (every answer back to pending, cached misses forgotten, cached hits kept, then
/// enrichment passes until nothing more resolves), re-analyse (a forced run that publishes a new snapshot).
/// Progress goes to <see cref="RefreshProgressReporter"/> and ends in <c>done</c> or <c>failed</c>.
/// </summary>
public sealed partial class WorkerCommandRunner(
    SurveyIngestionWorker ingestion,
    EnrichmentWorker enrichment,
    AnalysisRunner analysis,
    SurveyResponseStore responses,
    SourceStatusStore statuses,
    SongCache songs,
    ActiveSourceStore activeSource,
    IConnectionMultiplexer redis,
    IOptions<SurveyOptions> survey,
    TimeProvider time,
    ILogger<WorkerCommandRunner> logger)
{
    /// <summary>Enrichment passes a refresh makes at most; each takes up to <c>Enrichment:MaxResponsesPerTick</c> answers.</summary>
    public const int MaxEnrichmentPasses = 50;

    public async Task RunAsync(WorkerCommand command, CancellationToken cancellationToken)
    {
        var kind = await activeSource.ResolveAsync(survey.Value.Source);
        var source = kind.StorageName();
        switch (command.Type)
        {
            case WorkerCommand.ReadNowType:
                await ReadNowAsync(kind, source, cancellationToken);
                break;
            case WorkerCommand.RefreshType:
                await RefreshAsync(command.Id, command.Refresh ?? new RefreshRequest(), kind, source, cancellationToken);
                break;
            default:
                LogUnknownCommand(command.Id, command.Type);
                break;
        }
    }

    private async Task ReadNowAsync(SurveySourceKind kind, string source, CancellationToken cancellationToken)
    {
        if (kind == SurveySourceKind.Demo)
        {
            LogReadNowInDemo();
            return;
        }

        var result = await ingestion.ReadNowAsync(cancellationToken);
        LogReadNow(source, result?.RowsRead, result?.NewRows);
    }

    private async Task RefreshAsync(string id, RefreshRequest request, SurveySourceKind kind, string source, CancellationToken cancellationToken)
    {
        var progress = new RefreshProgressReporter(redis, time, id, source);
        var stage = RefreshStages.Queued;
        var summary = new List<string>();
        try
        {
            if (request.Reread)
            {
                stage = RefreshStages.Reading;
                summary.Add(await RereadAsync(kind, source, progress, cancellationToken));
            }

            if (request.Reenrich)
            {
                stage = RefreshStages.Enriching;
                summary.Add(await ReenrichAsync(kind, source, progress, cancellationToken));
            }

            if (request.Reanalyse)
            {
                stage = RefreshStages.Analysing;
                summary.Add(await ReanalyseAsync(source, progress, cancellationToken));
            }

            await progress.ReportAsync(RefreshStages.Done, 0, 0, summary.Count == 0 ? "Nothing was asked." : string.Join(" ", summary));
            LogRefreshDone(id, source);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogRefreshFailed(ex, id, source, stage);
            await progress.ReportAsync(RefreshStages.Failed, progress.Last?.Done ?? 0, progress.Last?.Total ?? 0, ex is RefreshFailedException ? ex.Message : $"The refresh stopped while {stage}: {ex.Message}");
        }
    }

    private async Task<string> RereadAsync(SurveySourceKind kind, string source, RefreshProgressReporter progress, CancellationToken cancellationToken)
    {
        if (kind == SurveySourceKind.Demo)
        {
            await progress.ReportAsync(RefreshStages.Reading, 0, 0, "The demo class is generated, not read: nothing to read again.");
            return "The demo class was not read again (it is generated).";
        }

        await progress.ReportAsync(RefreshStages.Reading, 0, 0, $"Reading every row of the {source} source again.");
        var result = await ingestion.ReadNowAsync(cancellationToken, fullRead: true);
        if (result is null)
        {
            var error = (await statuses.GetAsync(source))?.Error ?? "the source could not be read";
            throw new RefreshFailedException($"Reading the {source} source failed: {error}");
        }

        var message = $"Read {result.RowsRead} rows: {result.Accepted} accepted, {result.Quarantined} quarantined, {result.Duplicates} duplicates.";
        await progress.ReportAsync(RefreshStages.Reading, (int)result.RowsRead, (int)result.RowsRead, message);
        return message;
    }

    private async Task<string> ReenrichAsync(SurveySourceKind kind, string source, RefreshProgressReporter progress, CancellationToken cancellationToken)
    {
        if (kind == SurveySourceKind.Demo)
        {
            await progress.ReportAsync(RefreshStages.Enriching, 0, 0, "Demo songs come with their features: nothing to enrich again.");
            return "Demo songs were not enriched again (they come with their features).";
        }

        var all = await responses.GetAllAsync(source);
        await progress.ReportAsync(RefreshStages.Enriching, 0, all.Count, $"Looking up the songs of {all.Count} answers again.");
        foreach (var key in all.Select(r => SongKey.For(r.Response.FavoriteSong, r.Response.Artist)).Distinct(StringComparer.Ordinal))
        {
            await songs.ForgetMissAsync(key, cancellationToken);
        }

        var requeue = ResponseChanges.Requeue(EnrichmentReasons.RefreshQueued);
        foreach (var response in all)
        {
            await responses.UpdateAsync(source, response.Response.Id, requeue);
        }

        var pending = all.Count;
        for (var pass = 0; pass < MaxEnrichmentPasses && pending > 0; pass++)
        {
            var run = await enrichment.RunOnceAsync(cancellationToken);
            pending = (await responses.GetPendingIdsAsync(source)).Count;
            await progress.ReportAsync(RefreshStages.Enriching, Math.Max(all.Count - pending, 0), all.Count, $"{pending} answers still wait for their song.");
            if (run.Enriched + run.Unmatched == 0)
            {
                break; // Providers cannot answer now; the worker's own passes go on later.
            }
        }

        var now = await responses.GetAllAsync(source);
        var enriched = now.Count(r => r.Enrichment == EnrichmentState.Enriched);
        var unmatched = now.Count(r => r.Enrichment == EnrichmentState.Unmatched);
        var waiting = now.Count(r => r.Enrichment == EnrichmentState.Pending);
        return waiting == 0
            ? $"Enriched {enriched} answers, {unmatched} unmatched."
            : $"Enriched {enriched} answers, {unmatched} unmatched; {waiting} still wait for Spotify ({now.First(r => r.Enrichment == EnrichmentState.Pending).EnrichmentNote}) and are retried on the next passes.";
    }

    private async Task<string> ReanalyseAsync(string source, RefreshProgressReporter progress, CancellationToken cancellationToken)
    {
        await progress.ReportAsync(RefreshStages.Analysing, 0, 0, "Analysing the class again.");
        var result = await analysis.RunAsync(source, force: true, cancellationToken);
        return result.Outcome switch
        {
            AnalysisRunOutcome.Published => $"Published analysis snapshot {result.Version} of {result.Rows} answers.",
            AnalysisRunOutcome.NoData => "No enriched answer yet: nothing to analyse.",
            AnalysisRunOutcome.LostLeadership => throw new RefreshFailedException("Another worker replica took over during the analysis; ask for the refresh again."),
            _ => $"The analysis is unchanged ({result.Outcome}).",
        };
    }

    /// <summary>A refresh step failed for a reason a teacher can act on; the message says it plainly.</summary>
    private sealed class RefreshFailedException(string message) : Exception(message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignoring worker command {Id} of unknown type {Type}")]
    private partial void LogUnknownCommand(string id, string type);

    [LoggerMessage(Level = LogLevel.Information, Message = "Read-now asked while the demo is active: the demo class is generated, not read")]
    private partial void LogReadNowInDemo();

    [LoggerMessage(Level = LogLevel.Information, Message = "Read-now of {Source}: {Rows} rows, {New} new")]
    private partial void LogReadNow(string source, long? rows, int? @new);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refresh {Id} of {Source} done")]
    private partial void LogRefreshDone(string id, string source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refresh {Id} of {Source} failed while {Stage}")]
    private partial void LogRefreshFailed(Exception exception, string id, string source, string stage);
}
