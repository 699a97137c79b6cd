using SpotifyDashboard.Core.Contracts;
using SpotifyDashboard.Core.Storage;

namespace SpotifyDashboard.Enrichment.Status;

/// <summary>Builds <see cref="EnrichmentStatus"/> from Redis, so the api can show what the worker sees.</summary>
public sealed class EnrichmentStatusReader(SurveyResponseStore responses, ProviderStatusStore providers, TimeProvider time)
{
    /// <summary>The source's counts from the store's counters (no scan of the responses) and every provider's state now.</summary>
    public async Task<EnrichmentStatus> GetAsync(string source)
    {
        var counts = await responses.CountStatesAsync(source);
        return new EnrichmentStatus(counts.Enriched, counts.Pending, counts.Unmatched, await GetProvidersAsync());
    }

    /// <summary>Each provider's state as of now (a cool-down whose time has passed is over).</summary>
    public async Task<IReadOnlyList<ProviderStatus>> GetProvidersAsync()
    {
        var now = time.GetUtcNow();
        return [.. (await providers.GetAllAsync()).Select(p => p.AsOf(now))];
    }
}
