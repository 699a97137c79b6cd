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
        long enriched = 0, pending = 0, unmatched = 0;
        foreach (var item in responses)
        {
            switch (item.Enrichment)
            {
                case EnrichmentState.Enriched: enriched++; break;
                case EnrichmentState.Pending: pending++; break;
                case EnrichmentState.Unmatched: unmatched++; break;
            }
        }

        return new(responses.Count, enriched, pending, unmatched);
    }
}
