using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpotifyDashboard.Core.Duties;
using SpotifyDashboard.Core.Music;
using SpotifyDashboard.Core.Configuration;
using SpotifyDashboard.Core.Contracts;
using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Core.Survey;
using SpotifyDashboard.Core.Telemetry;
using SpotifyDashboard.Enrichment.Lookup;
using SpotifyDashboard.Enrichment.Options;
using SpotifyDashboard.Enrichment.Providers;
using SpotifyDashboard.Enrichment.Status;
using SpotifyDashboard.Enrichment.Telemetry;

namespace SpotifyDashboard.Enrichment;

/// <summary>
/// The enrich duty: every <c>Enrichment:Interval</c> enriches the active source's pending responses (resolved each pass,
/// so an upload is followed) in batches, back to back while there is a backlog (<see cref="DrainAsync"/>), stores them
/// back with compare-and-set (which takes them off the pending set) and saves the provider states for the api.
/// The demo source is skipped: its responses arrive enriched. Every other pass is one <c>enrich</c> run of
/// <c>data_processing_time</c> (failed when it throws).
/// </summary>
public sealed partial class EnrichDuty(
    SongEnricher enricher,
    SurveyResponseStore store,
    ActiveSourceStore activeSource,
    ProviderStatusRegistry registry,
    ProviderStatusStore statusStore,
    IOptionsMonitor<SurveyOptions> survey,
    IOptionsMonitor<SpotifyOptions> spotify,
    IOptionsMonitor<EnrichmentOptions> options,
    EnrichmentTelemetry telemetry,
    PipelineTelemetry pipeline,
    TimeProvider time,
    ILogger<EnrichDuty> logger) : IWorkerDuty
{
    private readonly ConcurrentDictionary<string, bool> _reconciled = new(StringComparer.Ordinal);

    public string Name => "enrich";

    public TimeSpan Interval => options.CurrentValue.Interval;

    public async Task<string?> StepAsync(CancellationToken cancellationToken)
    {
        var (_, last) = await DrainAsync(cancellationToken);
        // A pass that settles none of its songs means the providers cannot be asked: the worker's health says which.
        if (last is not { StillPending: > 0, Enriched: 0, Unmatched: 0 } run)
        {
            return null;
        }

        var down = registry.All(ReportedProviders()).Where(p => p.State != ProviderState.Ok).Select(p => $"{p.Name} is {p.State}{(p.LastError is { } e ? $": {e}" : "")}").ToList();
        return $"{run.StillPending} songs wait for their features; {(down.Count > 0 ? string.Join("; ", down) : "no provider answered")}";
    }

    /// <summary>
    /// Passes one after another while each takes a full batch (<c>Enrichment:MaxResponsesPerTick</c>) and settles some of
    /// it: a big upload is worked through at the providers' pace, not one batch per <c>Enrichment:Interval</c> (100,000
    /// answers took 12 minutes so, the work itself about one). A pass that settles nothing (providers cooling down or
    /// broken) waits for the next tick. Returns the passes made and the last one's outcome.
    /// </summary>
    public async Task<(int Passes, EnrichmentRun Last)> DrainAsync(CancellationToken cancellationToken = default)
    {
        var passes = 0;
        EnrichmentRun run;
        do
        {
            run = await RunOnceAsync(cancellationToken);
            passes++;
        }
        while (run.Pending >= options.CurrentValue.MaxResponsesPerTick
            && run.Enriched + run.Unmatched > 0
            && !cancellationToken.IsCancellationRequested);

        return (passes, run);
    }

    /// <summary>One pass over the pending responses; returns how many changed state.</summary>
    public async Task<EnrichmentRun> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var kind = await activeSource.ResolveAsync(survey.CurrentValue.Source);
        if (kind == SurveySourceKind.Demo)
        {
            return EnrichmentRun.Skipped;
        }

        if (!spotify.CurrentValue.HasCredentials)
        {
            // Say so at once in /api/status, not only after the first song has waited.
            registry.Unavailable(ProviderNames.Spotify, EnrichmentReasons.NoCredentials);
        }

        using var stage = pipeline.Start(PipelineStages.Enrich);
        var source = kind.StorageName();
        await ReconcileOnceAsync(source);
        var ids = await store.GetPendingIdsAsync(source);
        var pending = (await store.GetManyAsync(source, ids.Take(options.CurrentValue.MaxResponsesPerTick)))
            .Where(r => r.Enrichment == EnrichmentState.Pending)
            .ToList();

        var run = EnrichmentRun.Skipped with { Pending = pending.Count };
        if (pending.Count > 0)
        {
            var updated = await enricher.EnrichAsync(pending, cancellationToken);
            for (var i = 0; i < pending.Count; i++)
            {
                // Compare-and-set: an override or a refresh that requeued the song meanwhile, a newer SupersededBy,
                // or a removal by a full re-read all win over this pass.
                await store.UpdateAsync(source, pending[i].Response.Id, ResponseChanges.Enrich(pending[i], updated[i]));
            }

            run = new EnrichmentRun(
                pending.Count,
                updated.Count(r => r.Enrichment == EnrichmentState.Enriched),
                updated.Count(r => r.Enrichment == EnrichmentState.Unmatched),
                updated.Count(r => r.Enrichment == EnrichmentState.Pending));
            if (run.Enriched + run.Unmatched > 0)
            {
                await store.PublishAsync(new StoreEvent(StoreEvent.ResponsesEnriched, source, null, time.GetUtcNow()));
                LogBatch(source, run.Enriched, run.Unmatched, run.StillPending);
            }
        }

        // The gauges show the whole source, not this pass: the store's counters (no scan).
        var counts = await store.CountStatesAsync(source);
        telemetry.Backlog(counts.Pending, counts.Unmatched);
        await statusStore.SaveAsync(registry.All(ReportedProviders()));
        stage.Succeeded();
        return run;
    }

    /// <summary>
    /// The first pass over a source in this process makes the store's state sets agree with its documents (data from before
    /// the unmatched set, or keys removed by hand); every write keeps them right after that, so the gauges never scan.
    /// </summary>
    private async Task ReconcileOnceAsync(string source)
    {
        if (_reconciled.ContainsKey(source))
        {
            return;
        }

        var fixes = await store.ReconcileStateSetsAsync(source);
        if (fixes > 0)
        {
            LogReconciled(source, fixes);
        }

        _reconciled.TryAdd(source, true);
    }

    private IEnumerable<string> ReportedProviders()
    {
        yield return ProviderNames.Spotify;
        yield return ProviderNames.ReccoBeats;
        if (spotify.CurrentValue.UseAudioFeaturesEndpoint)
        {
            yield return ProviderNames.SpotifyAudioFeatures;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Set {Fixes} entries of the pending and unmatched sets of {Source} right")]
    private partial void LogReconciled(string source, int fixes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Enriched {Source}: {Enriched} enriched, {Unmatched} unmatched, {Pending} still pending")]
    private partial void LogBatch(string source, int enriched, int unmatched, int pending);
}

/// <summary>What one pass did.</summary>
public sealed record EnrichmentRun(int Pending, int Enriched, int Unmatched, int StillPending)
{
    public static EnrichmentRun Skipped { get; } = new(0, 0, 0, 0);
}
