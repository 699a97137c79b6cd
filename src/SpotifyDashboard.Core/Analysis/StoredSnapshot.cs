namespace SpotifyDashboard.Core.Analysis;

/// <summary>
/// What <c>sd:snapshot:current</c> holds: which versioned snapshot is the latest, and for which
/// survey source. Small, so readers can poll it cheaply and load the big snapshot only on change.
/// </summary>
/// <param name="Version">The number in <c>sd:snapshot:{version}</c>; grows with every write.</param>
/// <param name="Source">Storage name of the survey source the snapshot was computed from ("demo", "sheet", "csv").</param>
/// <param name="Fingerprint">The analysis' content hash: equal inputs and settings give equal fingerprints.</param>
public sealed record SnapshotPointer(long Version, string Source, string Fingerprint, DateTimeOffset PublishedAt);

/// <summary>What <c>sd:snapshot:{version}</c> holds: the pointer's fields and the snapshot itself.</summary>
public sealed record StoredSnapshot<T>(long Version, string Source, string Fingerprint, DateTimeOffset PublishedAt, T Snapshot)
{
    public SnapshotPointer ToPointer() => new(Version, Source, Fingerprint, PublishedAt);
}
