using SpotifyDashboard.Core.Ingestion;
using SpotifyDashboard.Core.Storage;

namespace SpotifyDashboard.Core.Contracts.Admin;

// What the teacher's pages read and send. Every endpoint here requires X-Admin-Key; the web calls them server-side.

/// <summary>
/// <c>GET /api/admin/sources</c>: every source the app knows, the active one first. Unlike <c>/api/status</c>, errors are
/// the full text (paths, URLs, upstream messages) because only the teacher sees them.
/// </summary>
public sealed record AdminSourcesView(string ActiveSource, string ConfiguredSource, bool Overridden, IReadOnlyList<AdminSourceView> Sources);

public sealed record AdminSourceView(
    string Name,
    string Kind,
    bool Active,
    SourceStatus? Status,
    SourceColumns? Columns,
    string? DetailedError,
    long Responses);

/// <summary>The body of <c>POST /api/refresh</c>: which stages to run again. All three by default.</summary>
public sealed record RefreshRequest(bool Reread = true, bool Reenrich = true, bool Reanalyse = true);

/// <summary>The answer of <c>POST /api/refresh</c> (202): follow it at <c>GET /api/admin/refresh/{Id}</c> or by <c>refresh-progress</c> events.</summary>
public sealed record RefreshAccepted(string Id, RefreshRequest Scope);

/// <summary>
/// How far a refresh got. <see cref="Stage"/> is one of <see cref="RefreshStages"/>; <see cref="Done"/> of <see cref="Total"/>
/// counts the current stage's work (rows read, songs enriched), 0 of 0 when it has no count.
/// </summary>
public sealed record RefreshProgress(string Id, string Stage, int Done, int Total, string? Message, DateTimeOffset UpdatedAt);

public static class RefreshStages
{
    public const string Queued = "queued";
    public const string Reading = "reading";
    public const string Enriching = "enriching";
    public const string Analysing = "analysing";
    public const string Done = "done";
    public const string Failed = "failed";
}

/// <summary>
/// A command the api queues for the worker (Redis list <see cref="RedisKeys.WorkerCommands"/>): <c>refresh</c> (with
/// <see cref="Refresh"/>) or <c>read-now</c> (read the active source at once).
/// </summary>
public sealed record WorkerCommand(string Id, string Type, DateTimeOffset RequestedAt, RefreshRequest? Refresh)
{
    public const string RefreshType = "refresh";
    public const string ReadNowType = "read-now";
}

/// <summary>
/// <c>POST /api/admin/upload?preview=true</c> (and the answer of the real upload): what the file would give, before it
/// becomes the CSV source. <see cref="FirstRows"/> are mapped fields only (field name → value), at most 10.
/// <see cref="Problems"/> says what is wrong when <see cref="CanUse"/> is false; nothing changes then.
/// <see cref="QuarantineReasons"/> says why rows would be quarantined (row number and reasons, the first 10 such rows).
/// </summary>
public sealed record UploadPreview(
    string? FileName,
    long Bytes,
    int Rows,
    IReadOnlyList<string> Headers,
    SourceColumns? Columns,
    IReadOnlyList<string> UnmappedHeaders,
    IReadOnlyList<IReadOnlyDictionary<string, string>> FirstRows,
    int Quarantined,
    IReadOnlyList<string> Problems,
    bool CanUse,
    IReadOnlyList<string>? QuarantineReasons = null);

/// <summary><c>GET /api/admin/quarantine</c>: the teacher's view, with the raw row as the source had it.</summary>
public sealed record AdminQuarantinePage(long Total, IReadOnlyList<QuarantinedRow> Items);
