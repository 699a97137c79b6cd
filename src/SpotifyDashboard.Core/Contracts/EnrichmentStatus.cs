namespace SpotifyDashboard.Core.Contracts;

/// <summary>Serialized kebab-case: ok, cooldown, breaker-open, unavailable, refused.</summary>
public enum ProviderState
{
    Ok,
    Cooldown,
    BreakerOpen,
    Unavailable,

    /// <summary>
    /// The provider refuses this app as a whole (Spotify: 403 on the token endpoint or on every call, e.g. when the
    /// owner's Premium has lapsed). It lasts until a probe succeeds; <see cref="ProviderStatus.Until"/> is the next probe.
    /// </summary>
    Refused,
}

/// <summary>One provider as <c>/api/status</c> shows it.</summary>
public sealed record ProviderStatus(string Name, ProviderState State, DateTimeOffset? Until, string? LastError, DateTimeOffset? LastErrorAt)
{
    /// <summary>
    /// The state at <paramref name="now"/>: a cool-down, open breaker or unavailability whose time has passed is over.
    /// A refusal is not: only an answer from the provider ends it.
    /// </summary>
    public ProviderStatus AsOf(DateTimeOffset now) =>
        Until is { } until && until <= now && State is not (ProviderState.Ok or ProviderState.Refused)
            ? this with { State = ProviderState.Ok, Until = null }
            : this;
}

/// <summary>The <c>"enrichment"</c> part of <c>GET /api/status</c>.</summary>
public sealed record EnrichmentStatus(long Enriched, long Pending, long Unmatched, IReadOnlyList<ProviderStatus> Providers);
