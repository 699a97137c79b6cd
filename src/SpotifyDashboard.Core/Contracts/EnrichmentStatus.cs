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
public sealed record ProviderStatus(string Name, ProviderState State, DateTimeOffset? Until, string? LastError, DateTimeOffset? LastErrorAt)
{
    /// <summary>The state at <paramref name="now"/>: a cool-down, open breaker or unavailability whose time has passed is over.</summary>
    public ProviderStatus AsOf(DateTimeOffset now) =>
        Until is { } until && until <= now && State != ProviderState.Ok
            ? this with { State = ProviderState.Ok, Until = null }
            : this;
}

/// <summary>The <c>"enrichment"</c> part of <c>GET /api/status</c>.</summary>
public sealed record EnrichmentStatus(long Enriched, long Pending, long Unmatched, IReadOnlyList<ProviderStatus> Providers);
