using System.ComponentModel.DataAnnotations;

namespace SpotifyDashboard.Api.Limits;

/// <summary>
/// The <c>RateLimits</c> section: what one anonymous user (one client address) may ask of the api. The defaults
/// leave a dashboard far from every limit and stop a script long before it costs Spotify quota or memory.
/// </summary>
public sealed class AnonymousLimitsOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>Steady rate of reads per user; a dashboard page makes a handful per load or live refresh.</summary>
    [Range(1, 1_000_000)]
    public int ReadsPerMinute { get; set; } = 600;

    /// <summary>Reads a user may make at once before the steady rate applies (a page opened in several tabs).</summary>
    [Range(1, 1_000_000)]
    public int ReadBurst { get; set; } = 200;

    /// <summary><c>POST /api/predict-major</c> and <c>POST /api/twins</c> per user: each may cost Spotify and ReccoBeats calls.</summary>
    [Range(1, 10_000)]
    public int SongLookupsPerMinute { get; set; } = 10;

    /// <summary>Requests answered 401/403 per address and minute; beyond it the address gets 429 until the minute is over.</summary>
    [Range(1, 10_000)]
    public int AdminFailuresPerMinute { get; set; } = 10;

    /// <summary>Upstream song lookups running at once for all anonymous users together.</summary>
    [Range(1, 64)]
    public int UpstreamConcurrency { get; set; } = 2;

    /// <summary>Song lookups waiting for a free slot; beyond it the api answers 503 "busy".</summary>
    [Range(0, 1_000)]
    public int UpstreamQueue { get; set; } = 8;

    /// <summary>How long a queued song lookup waits for a slot before it gives up with 503.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:05:00")]
    public TimeSpan UpstreamQueueTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest request body, in bytes, of an endpoint that does not set its own (<c>.WithBodyLimit</c>).</summary>
    [Range(1, long.MaxValue)]
    public long MaxBodyBytes { get; set; } = 16 * 1024;

    /// <summary>Open <c>/api/events</c> streams for all clients together; beyond it 503.</summary>
    [Range(1, 1_000_000)]
    public int EventConnections { get; set; } = 1000;

    /// <summary>How often an idle event stream gets a <c>: ping</c> comment, so proxies keep it open and dead clients are noticed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan EventHeartbeat { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Events kept per slow client; the oldest go first.</summary>
    [Range(1, 100_000)]
    public int EventQueue { get; set; } = 256;
}
