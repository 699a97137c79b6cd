using SpotifyDashboard.Core.Music;

namespace SpotifyDashboard.Enrichment.Cache;

/// <summary>
/// What the cache keeps per song: the track with its features, or a miss with the reason
/// (<see cref="Track"/> may be set on a miss when the track had no known features).
/// </summary>
public sealed record CachedSong(Track? Track, AudioFeatures? Features, string? Reason, DateTimeOffset CachedAt)
{
    public bool IsFound => Track is not null && Features is not null;
}
