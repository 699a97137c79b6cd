namespace SpotifyDashboard.Core.Contracts;

/// <summary>
/// <c>GET /api/quarantine</c>, the class's view of the rows that could not be used: only the survey fields that identify
/// nobody, never the raw row. The teacher sees raw rows at <c>/api/admin/quarantine</c>.
/// </summary>
public sealed record ClassQuarantinePage(long Total, IReadOnlyList<ClassQuarantineItem> Items);

/// <summary>
/// One quarantined row: its row number in the source, field name (e.g. "Song", "Age") → cell, and every reason.
/// <see cref="Fields"/> is empty when the source's header mapping is not known.
/// </summary>
public sealed record ClassQuarantineItem(int Row, IReadOnlyDictionary<string, string> Fields, IReadOnlyList<string> Reasons);
