namespace SpotifyDashboard.Core.Ingestion;

/// <summary>
/// A source row that could not be used, kept with everything needed to fix it at the source:
/// its 1-based row number (the header is row 1), the raw cells by header, and every reason.
/// </summary>
public sealed record QuarantinedRow(
    string Id,
    int Row,
    IReadOnlyDictionary<string, string> Raw,
    IReadOnlyList<string> Reasons);

/// <summary><c>GET /api/quarantine</c>.</summary>
public sealed record QuarantinePage(long Total, IReadOnlyList<QuarantineItem> Items);

/// <summary>One quarantined row as the api shows it.</summary>
public sealed record QuarantineItem(int Row, IReadOnlyDictionary<string, string> Raw, IReadOnlyList<string> Reasons)
{
    public static QuarantineItem From(QuarantinedRow row) => new(row.Row, row.Raw, row.Reasons);
}
