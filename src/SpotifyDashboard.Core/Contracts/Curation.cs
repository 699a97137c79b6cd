namespace SpotifyDashboard.Core.Contracts;

/// <summary>One row of <c>GET /api/unmatched</c>: a song no track was found for, and how many students named it.</summary>
public sealed record UnmatchedSong(string Song, string Artist, int Students, string? Reason, string SongKey);

/// <summary><c>GET /api/unmatched</c>.</summary>
public sealed record UnmatchedReport(int Total, IReadOnlyList<UnmatchedSong> Items);

/// <summary>What an admin sends to <c>POST /api/overrides</c>: a song (by key, or by title and artist) and a Spotify track id or URL.</summary>
public sealed record OverrideRequest(string? SongKey, string? Song, string? Artist, string? Track);

/// <summary>The answer: the stored override and how many responses wait for the worker to re-enrich them.</summary>
public sealed record OverrideAccepted(string SongKey, string TrackId, int Requeued);
