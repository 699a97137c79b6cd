namespace SpotifyDashboard.Core.Storage;

/// <summary>
/// How far reading one survey source got. <see cref="RowsRead"/> always equals
/// <see cref="Accepted"/> + <see cref="Quarantined"/> + <see cref="Duplicates"/>: no row is lost without a trace.
/// </summary>
public sealed record SourceStatus
{
    public required string Name { get; init; }
    public required string Kind { get; init; }
    public long RowsRead { get; init; }
    public long Accepted { get; init; }
    public long Quarantined { get; init; }
    public long Duplicates { get; init; }
    public DateTimeOffset? LastReadAt { get; init; }
    public string? Error { get; init; }
}
