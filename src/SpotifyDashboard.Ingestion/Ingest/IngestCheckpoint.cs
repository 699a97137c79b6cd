using SpotifyDashboard.Core.Configuration;

namespace SpotifyDashboard.Ingestion.Ingest;

/// <summary>
/// Stored at <c>sd:checkpoint:{source}</c>: how many data rows were processed, the chain hash up to
/// and including the last of them, and the running counts (so an incremental read adds to them).
/// <see cref="DateOrder"/> is how day and month were read: a new row that settles it the other way means every row
/// is read again.
/// </summary>
public sealed record IngestCheckpoint(
    int RowCount,
    string ChainHash,
    string? LastRowId,
    long Accepted,
    long Quarantined,
    long Duplicates,
    DateOrder? DateOrder = null);
