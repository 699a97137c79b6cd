using System.ComponentModel.DataAnnotations;

namespace SpotifyDashboard.Enrichment.Options;

/// <summary>The <c>Enrichment</c> section: cache lifetimes, batching, the loop and curation.</summary>
public sealed class EnrichmentOptions
{
    public const string SectionName = "Enrichment";

    /// <summary>
    /// A <c>Retry-After</c> up to this long is waited out; a longer one (Spotify has sent 13-hour
    /// bans) puts the provider in cool-down until then instead of holding a request open.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a found track with its features stays cached.</summary>
    public TimeSpan TrackTtl { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long a miss (no match, or no features known) stays cached before it is tried again.</summary>
    public TimeSpan MissTtl { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long a miss of a song an anonymous visitor asked about (the api's on-demand lookups) stays cached.</summary>
    public TimeSpan VisitorMissTtl { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long the in-process copy of a cache entry lives; Redis keeps the rest.</summary>
    public TimeSpan LocalCacheTtl { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Spotify ids per audio-feature request; ReccoBeats takes at most 40.</summary>
    [Range(1, 40)]
    public int BatchSize { get; set; } = 40;

    /// <summary>Songs resolved at the same time (each a Spotify search).</summary>
    [Range(1, 64)]
    public int MaxParallelSearches { get; set; } = 8;

    /// <summary>Pending responses taken per tick of the worker.</summary>
    [Range(1, 100_000)]
    public int MaxResponsesPerTick { get; set; } = 2_000;

    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Score (0..1) a search result needs to count as the song; below it the song is unmatched.</summary>
    [Range(0.0, 1.0)]
    public double MatchThreshold { get; set; } = 0.6;

    /// <summary>From the secret parameter <c>admin-key</c> (env <c>Enrichment__AdminKey</c>); unset disables overrides.</summary>
    public string? AdminKey { get; set; }
}
