namespace SpotifyDashboard.Ingestion.Ingest;

/// <summary>What one read of a source did. <see cref="RowsRead"/> = Accepted + Quarantined + Duplicates, over the whole source.</summary>
public sealed record IngestResult(
    string Source,
    bool FullRead,
    int NewRows,
    long RowsRead,
    long Accepted,
    long Quarantined,
    long Duplicates,
    int Added,
    int Removed,
    int Superseded);
