namespace SpotifyDashboard.Core.Ingestion;

/// <summary>
/// Which source column each survey field was read from, and the headers nobody asked for. <see cref="DateOrder"/> says
/// how dates like 05/09/2025 were read and why, when the timestamp column has such dates.
/// </summary>
public sealed record SourceColumns(
    IReadOnlyList<ColumnMatch> Matches,
    IReadOnlyList<string> HeadersSeen,
    IReadOnlyList<string> Unmapped,
    string? DateOrder = null);

/// <summary>Field (e.g. "Song") read from the column with this header (0-based index).</summary>
public sealed record ColumnMatch(string Field, string Header, int Column);

/// <summary>What <c>/api/status</c> can add per source: the mapping found and the last error.</summary>
public sealed record IngestionStatus(string Source, SourceColumns? Columns, string? Error);
