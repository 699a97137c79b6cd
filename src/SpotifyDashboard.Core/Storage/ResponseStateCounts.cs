using SpotifyDashboard.Core.Music;
using SpotifyDashboard.Core.Survey;

namespace SpotifyDashboard.Core.Storage;

/// <summary>How many stored responses of a source (superseded ones included) are in each enrichment state.</summary>
public sealed record ResponseStateCounts(long Stored, long Enriched, long Pending, long Unmatched)
{
    public static ResponseStateCounts Empty { get; } = new(0, 0, 0, 0);

    /// <summary>From the store's counters: every response is in exactly one state, so the enriched are the rest.</summary>
    public static ResponseStateCounts FromCounters(long stored, long pending, long unmatched) =>
        new(stored, stored - pending - unmatched, pending, unmatched);

    /// <summary>By counting <paramref name="responses"/> (an in-memory copy, or a recount to check the counters against).</summary>
    public static ResponseStateCounts Count(IReadOnlyCollection<EnrichedResponse> responses)
    {
        long In(EnrichmentState state) => responses.LongCount(r => r.Enrichment == state);
        return new(responses.Count, In(EnrichmentState.Enriched), In(EnrichmentState.Pending), In(EnrichmentState.Unmatched));
    }
}
