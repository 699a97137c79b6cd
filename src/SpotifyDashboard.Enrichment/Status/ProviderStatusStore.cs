using System.Text.Json;
using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Enrichment.Providers;
using StackExchange.Redis;
using SpotifyDashboard.Core.Contracts;

namespace SpotifyDashboard.Enrichment.Status;

/// <summary>Provider states in Redis, because the worker calls the providers and the api reports on them.</summary>
public sealed class ProviderStatusStore(IConnectionMultiplexer redis)
{
    private IDatabase Db => redis.GetDatabase();

    public Task SaveAsync(IEnumerable<ProviderStatus> statuses) =>
        Db.HashSetAsync(EnrichmentKeys.Providers, [.. statuses.Select(s => new HashEntry(s.Name, JsonSerializer.Serialize(s, DashboardJson.Options)))]);

    public async Task<IReadOnlyList<ProviderStatus>> GetAllAsync()
    {
        var entries = await Db.HashGetAllAsync(EnrichmentKeys.Providers);
        return [.. entries
            .Select(e => JsonSerializer.Deserialize<ProviderStatus>(e.Value.ToString(), DashboardJson.Options)!)
            .OrderBy(s => s.Name, StringComparer.Ordinal)];
    }
}
