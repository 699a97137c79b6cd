using SpotifyDashboard.Core.Music;
using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Core.Contracts;

namespace SpotifyDashboard.Enrichment.Status;

/// <summary>Builds <see cref="EnrichmentStatus"/> from Redis, so the api can show what the worker sees.</summary>
public sealed class EnrichmentStatusReader(SurveyResponseStore responses, ProviderStatusStore providers, TimeProvider time)
{
    public async Task<EnrichmentStatus> GetAsync(string source)
    {
        // A class survey has hundreds of rows: counting them is cheaper than keeping counters right.
        var all = await responses.GetAllAsync(source);
        var now = time.GetUtcNow();
        var states = (await providers.GetAllAsync()).Select(p => p.AsOf(now)).ToList();
        return new EnrichmentStatus(
            all.Count(r => r.Enrichment == EnrichmentState.Enriched),
            all.Count(r => r.Enrichment == EnrichmentState.Pending),
            all.Count(r => r.Enrichment == EnrichmentState.Unmatched),
            states);
    }
}
