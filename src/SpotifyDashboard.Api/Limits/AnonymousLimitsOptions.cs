using System.ComponentModel.DataAnnotations;

namespace SpotifyDashboard.Api.Limits;

/// <summary>
/// The <c>RateLimits</c> section: what one anonymous user (one client address) may ask of the api. The defaults
/// leave a dashboard far from every limit and stop a script long before it costs Spotify quota or memory.
/// </summary>
public sealed class AnonymousLimitsOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>
    /// Steady rate of computed reads per user (the data grid's queries, exports, quarantine, unmatched, single answers): each
    /// filters or sorts on the request. Sized for a lecture hall, where hundreds of phones share one NAT address, so one
    /// "user" to the api: 200 a second covers a class of 500 on the Data page, a query each every two or three seconds.
    /// </summary>
    [Range(1, 1_000_000)]
    public int ReadsPerMinute { get; set; } = 12_000;

    /// <summary>Computed reads a user may make at once before the steady rate applies (a hall opening the Data page together).</summary>
    [Range(1, 1_000_000)]
    public int ReadBurst { get; set; } = 2_000;

    /// <summary>
    /// Prepared reads (answers serialized once per data version: clusters, model, twins of a response, overview, status,
    /// pages of responses) of one user in flight at once. They have no rate limit: refusing one costs what answering it
    /// costs (measured, docs/benchmarks/reads.md: ~46k refusals/s against ~41k prepared answers/s), so a rate limit would only refuse a class behind one
    /// address. Beyond this many at once they wait (<see cref="PreparedReadQueue"/>), so no address holds the api alone.
    /// </summary>
    [Range(1, 10_000)]
    public int PreparedReadConcurrency { get; set; } = 64;

    /// <summary>Prepared reads of one user waiting for a free slot; beyond it 429.</summary>
    [Range(0, 100_000)]
    public int PreparedReadQueue { get; set; } = 1_024;

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
