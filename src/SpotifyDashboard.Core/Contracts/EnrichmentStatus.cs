namespace SpotifyDashboard.Core.Contracts;

/// <summary>Serialized kebab-case: ok, cooldown, breaker-open, unavailable.</summary>
public enum ProviderState
{
    Ok,
    Cooldown,
    BreakerOpen,
    Unavailable,
}

/// <summary>One provider as <c>/api/status</c> shows it.</summary>
public sealed record ProviderStatus(string Name, ProviderState State, DateTimeOffset? Until, string? LastError, DateTimeOffset? LastErrorAt);

/// <summary>The <c>"enrichment"</c> part of <c>GET /api/status</c>.</summary>
public sealed record EnrichmentStatus(long Enriched, long Pending, long Unmatched, IReadOnlyList<ProviderStatus> Providers);
