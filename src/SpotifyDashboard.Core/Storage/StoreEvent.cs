namespace SpotifyDashboard.Core.Storage;

/// <summary>What is published on <see cref="RedisKeys.EventsChannel"/> when something changes.</summary>
public sealed record StoreEvent(string Type, string Source, string? Id, DateTimeOffset At)
{
    public const string ResponseAdded = "response-added";

    /// <summary>An enrichment batch changed responses (pending → enriched or unmatched).</summary>
    public const string ResponsesEnriched = "responses-enriched";
    public const string SnapshotUpdated = "snapshot-updated";
}
