namespace SpotifyDashboard.Core.Storage;

/// <summary>
/// Every key the app keeps in Redis/Garnet, in one place. Per-source keys keep the data of
/// different survey sources apart, so demo students never appear among real ones.
/// </summary>
public static class RedisKeys
{
    public const string Prefix = "sd:";

    /// <summary>Hash: response id → <c>EnrichedResponse</c> JSON.</summary>
    public static string Responses(string source) => $"{Prefix}responses:{source}";

    /// <summary>Sorted set: response id scored by submission time (Unix ms), for newest-first paging.</summary>
    public static string ResponsesByTime(string source) => $"{Prefix}responses:{source}:by-time";

    /// <summary>
    /// Counter: bumped by every write of the source's responses, in the write's own transaction, so a reader that
    /// holds them can ask "changed since?" with one GET instead of reading them all again.
    /// </summary>
    public static string ResponseChanges(string source) => $"{Prefix}responses:{source}:changes";

    /// <summary>Set: ids of responses whose song still waits for enrichment.</summary>
    public static string Pending(string source) => $"{Prefix}pending:{source}";

    /// <summary>Set: ids of responses whose song found no track; kept beside <see cref="Pending"/> so counts need no scan.</summary>
    public static string Unmatched(string source) => $"{Prefix}unmatched:{source}";

    /// <summary>Hash: row id → quarantined row JSON.</summary>
    public static string Quarantine(string source) => $"{Prefix}quarantine:{source}";

    /// <summary>String: the source's ingest checkpoint JSON.</summary>
    public static string Checkpoint(string source) => $"{Prefix}checkpoint:{source}";

    /// <summary>Hash: the source's counters and last read/error, for <c>/api/status</c>.</summary>
    public static string SourceStatus(string source) => $"{Prefix}source:{source}";

    /// <summary>String: the full text of the source's last error, for the teacher only.</summary>
    public static string SourceErrorDetail(string source) => $"{Prefix}source:{source}:detail";

    /// <summary>String: an enriched track or a cached miss, with a TTL.</summary>
    public static string Track(string songKey) => $"{Prefix}track:{songKey}";

    public const string SnapshotCurrent = Prefix + "snapshot:current";

    public static string Snapshot(long version) => $"{Prefix}snapshot:{version}";

    /// <summary>String: the token of the worker replica that leads (ingests, enriches, analyses, runs commands), with an expiry; it also fences snapshot writes.</summary>
    public const string WorkerLock = Prefix + "lock:worker";

    /// <summary>String: the survey source chosen at run time (an upload), overriding <c>Survey:Source</c> until cleared.</summary>
    public const string ActiveSourceOverride = Prefix + "source:active";

    /// <summary>String: the CSV text the teacher uploaded, read by the <c>csv</c> source instead of its path or URL.</summary>
    public const string UploadedCsv = Prefix + "upload:csv";

    /// <summary>
    /// List: <c>WorkerCommand</c> JSON for the worker (refresh, read now). The api appends with RPUSH, the leading worker
    /// replica takes the oldest with LPOP, so commands run once and in the order they were asked.
    /// </summary>
    public const string WorkerCommands = Prefix + "worker:commands";

    /// <summary>String: a refresh's progress JSON, kept a day.</summary>
    public static string Refresh(string id) => $"{Prefix}refresh:{id}";

    /// <summary>Pub/sub channel announcing changes (new responses, new snapshots).</summary>
    public const string EventsChannel = Prefix + "events";
}
