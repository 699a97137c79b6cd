namespace SpotifyDashboard.Ingestion.Ingest;

/// <summary>
/// Stored at <c>sd:checkpoint:{source}</c>: how many data rows were processed, the chain hash up to
/// and including the last of them, and the running counts (so an incremental read adds to them).
/// </summary>
public sealed record IngestCheckpoint(
    int RowCount,
    string ChainHash,
    string? LastRowId,
    long Accepted,
    long Quarantined,
    long Duplicates);
