using System.Diagnostics;
using SpotifyDashboard.Core.Music;
using SpotifyDashboard.Core.Survey;
using SpotifyDashboard.Enrichment.Telemetry;

namespace SpotifyDashboard.Enrichment.Lookup;

/// <summary>
/// Turns pending responses into enriched, unmatched or still-pending ones (with the reason),
/// looking each distinct song up once.
/// </summary>
public sealed class SongEnricher(ISongFeatureLookup lookup, EnrichmentTelemetry telemetry, TimeProvider time)
{
    public async Task<IReadOnlyList<EnrichedResponse>> EnrichAsync(IReadOnlyList<EnrichedResponse> responses, CancellationToken cancellationToken = default)
    {
        using var activity = EnrichmentTelemetry.ActivitySource.StartActivity("enrich batch");
        var started = time.GetTimestamp();
        var queries = responses.Select(r => new SongQuery(r.Response.FavoriteSong, r.Response.Artist)).ToList();
        activity?.SetTag("enrichment.responses", responses.Count);
        activity?.SetTag("enrichment.songs", queries.Select(q => q.Key).Distinct().Count());

        var outcomes = await lookup.LookupManyAsync(queries, cancellationToken);
        var updated = responses.Select((r, i) => Apply(r, outcomes[queries[i].Key])).ToList();

        activity?.SetTag("enrichment.enriched", updated.Count(r => r.Enrichment == EnrichmentState.Enriched));
        activity?.SetTag("enrichment.unmatched", updated.Count(r => r.Enrichment == EnrichmentState.Unmatched));
        activity?.SetTag("enrichment.pending", updated.Count(r => r.Enrichment == EnrichmentState.Pending));
        telemetry.BatchEnriched(time.GetElapsedTime(started));
        return updated;
    }

    public static EnrichedResponse Apply(EnrichedResponse response, SongOutcome outcome) => outcome.Kind switch
    {
        SongOutcomeKind.Found => response with { Enrichment = EnrichmentState.Enriched, Track = outcome.Track, Features = outcome.Features, EnrichmentNote = null },
        SongOutcomeKind.Unmatched => response with { Enrichment = EnrichmentState.Unmatched, Track = null, Features = null, EnrichmentNote = outcome.Reason },
        _ => response with { Enrichment = EnrichmentState.Pending, EnrichmentNote = outcome.Reason },
    };
}
