namespace SpotifyDashboard.Enrichment.Curation;

/// <summary>An admin's decision: the song with this key is this Spotify track.</summary>
public sealed record SongOverride(string SongKey, string TrackId, string? Song, string? Artist, DateTimeOffset CreatedAt);
