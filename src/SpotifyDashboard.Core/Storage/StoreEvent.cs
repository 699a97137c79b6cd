namespace SpotifyDashboard.Core.Storage;

/// <summary>What is published on <see cref="RedisKeys.EventsChannel"/> when something changes.</summary>
public sealed record StoreEvent(string Type, string Source, string? Id, DateTimeOffset At)
{
    public const string ResponseAdded = "response-added";

    /// <summary>An enrichment batch changed responses (pending → enriched or unmatched).</summary>
    public const string ResponsesEnriched = "responses-enriched";
    public const string SnapshotUpdated = "snapshot-updated";

    /// <summary>The active survey source changed (an upload became the CSV source, or the teacher went back).</summary>
    public const string SourceChanged = "source-changed";

    /// <summary>A refresh moved on; <see cref="Id"/> is the refresh's id, its progress at <c>sd:refresh:{id}</c>.</summary>
    public const string RefreshProgress = "refresh-progress";
}
