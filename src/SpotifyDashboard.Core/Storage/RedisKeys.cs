namespace SpotifyDashboard.Core.Storage;

/// <summary>
/// Every key the app keeps in Redis/Garnet, with who writes it, who reads it and how long it lives. Per-source keys
/// keep the data of different survey sources apart, so demo students never appear among real ones. The strings are
/// what existing caches hold: a new name would orphan them.
/// </summary>
public static class RedisKeys
{
    public const string Prefix = "sd:";

    // The class's answers, per source.

    /// <summary>Hash: response id → <c>EnrichedResponse</c> JSON. Written by the worker (ingest, demo, enrich) and the
    /// api's curation; read by the worker's analysis and the api. Kept until a full re-read removes the row.</summary>
    public static string Responses(string source) => $"{Prefix}responses:{source}";

    /// <summary>Sorted set: response id scored by submission time (Unix ms), for newest-first paging. Written with
    /// <see cref="Responses"/>; read by the api's pages and the analysis' change check.</summary>
    public static string ResponsesByTime(string source) => $"{Prefix}responses:{source}:by-time";

    /// <summary>
    /// Counter: bumped by every write of the source's responses, in the write's own transaction, so a reader that
    /// holds them (the api, the analysis) can ask "changed since?" with one GET instead of reading them all again.
    /// </summary>
    public static string ResponseChanges(string source) => $"{Prefix}responses:{source}:changes";

    /// <summary>Set: ids of responses whose song still waits for enrichment. Written with <see cref="Responses"/>;
    /// read by the worker's enrich duty and the status counts.</summary>
    public static string Pending(string source) => $"{Prefix}pending:{source}";

    /// <summary>Set: ids of responses whose song found no track; kept beside <see cref="Pending"/> so counts need no scan.</summary>
    public static string Unmatched(string source) => $"{Prefix}unmatched:{source}";

    // The survey source, per source: written by the worker's ingest duty, read by the api's status and sources pages.

    /// <summary>Hash: row id → quarantined row JSON; replaced at each read.</summary>
    public static string Quarantine(string source) => $"{Prefix}quarantine:{source}";

    /// <summary>String: the source's ingest checkpoint JSON (the demo's too); read only by the worker.</summary>
    public static string Checkpoint(string source) => $"{Prefix}checkpoint:{source}";

    /// <summary>Hash: the source's counters and last read/error, for <c>/api/status</c> and <c>/health/details</c>.</summary>
    public static string SourceStatus(string source) => $"{Prefix}source:{source}";

    /// <summary>String: the full text of the source's last error, for the teacher only; cleared by a good read.</summary>
    public static string SourceErrorDetail(string source) => $"{Prefix}source:{source}:detail";

    /// <summary>String: the header mapping found on the last read of the source, for <c>/api/status</c>.</summary>
    public static string Columns(string source) => $"{Prefix}source:{source}:columns";

    // The teacher's choices: written by the api, read by the worker and the api; kept until the teacher changes them.

    /// <summary>String: the survey source chosen at run time (an upload), overriding <c>Survey:Source</c> until cleared.</summary>
    public const string ActiveSourceOverride = Prefix + "source:active";

    /// <summary>String: the CSV text the teacher uploaded, read by the <c>csv</c> source instead of its path or URL.</summary>
    public const string UploadedCsv = Prefix + "upload:csv";

    /// <summary>Hash: song key → <c>SongOverride</c> JSON, written by the api (the teacher's curation), applied by the worker.</summary>
    public const string SongOverrides = Prefix + "enrichment:overrides";

    // Enrichment: written by the worker's enrich duty (the api's curation looks songs up too).

    /// <summary>
    /// Prefix of the song cache: HybridCache's Redis layer stores song <c>key</c> under <c>sd:track:{key}</c>, an enriched
    /// track for <c>Enrichment:TrackTtl</c> or a miss for <c>Enrichment:MissTtl</c>. Read by the worker and the api.
    /// </summary>
    public const string TrackCachePrefix = Prefix + "track:";

    /// <summary>Hash: provider name → <c>ProviderStatus</c> JSON, saved after each enrichment pass, read by the api.</summary>
    public const string ProviderStatuses = Prefix + "enrichment:providers";

    // The analysis: written by the leading worker's analyse duty, read by the api.

    /// <summary>String: the pointer to the latest snapshot; replaced by each new one, never expires.</summary>
    public const string SnapshotCurrent = Prefix + "snapshot:current";

    /// <summary>String: one snapshot (compressed); a replaced one expires after <c>Analysis:KeepPreviousSnapshots</c>.</summary>
    public static string Snapshot(long version) => $"{Prefix}snapshot:{version}";

    /// <summary>Counter: INCR gives the next snapshot version, so versions only grow, across worker replicas too.</summary>
    public const string SnapshotVersionCounter = Prefix + "snapshot:counter";

    // The worker's coordination.

    /// <summary>String: the token of the worker replica that leads every duty, expiring <c>Analysis:LockExpiry</c> after
    /// its last renewal; it also fences snapshot writes. The api reads its expiry for <c>/health/details</c>.</summary>
    public const string WorkerLock = Prefix + "lock:worker";

    /// <summary>
    /// List: <c>WorkerCommand</c> JSON for the worker (refresh, read now). The api appends with RPUSH, the leading worker
    /// replica takes the oldest with LPOP, so commands run once and in the order they were asked.
    /// </summary>
    public const string WorkerCommands = Prefix + "worker:commands";

    /// <summary>String: a refresh's progress JSON, written by the worker at each step, read by the api; kept a day.</summary>
    public static string Refresh(string id) => $"{Prefix}refresh:{id}";

    /// <summary>Pub/sub channel of <c>StoreEvent</c>s: the worker and the api publish changes (new responses, snapshots,
    /// refresh progress); the api's pages and the worker's analysis listen.</summary>
    public const string EventsChannel = Prefix + "events";

    // The web's own keys (written and read by the web only).

    /// <summary>Prefix of the teacher's sign-ins (one string per session, living until the session's absolute end).</summary>
    public const string TeacherSessionPrefix = Prefix + "web:teacher-session:";

    /// <summary>Prefix of the listeners' Spotify sign-in state and tokens, each with its own lifetime.</summary>
    public const string SpotifySessionPrefix = Prefix + "web:spotify:";

    /// <summary>List: the web's data-protection key ring (encrypted), shared by every web replica; kept for good.</summary>
    public const string DataProtectionKeys = Prefix + "web:data-protection-keys";
}
