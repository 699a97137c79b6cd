namespace SpotifyDashboard.Web.Services.Models;

// The web's reading of the api's curation answers (GET /api/unmatched, POST /api/overrides). Plain copies of the
// enrichment library's records: the web does not reference it.

public sealed record UnmatchedSongModel(string Song, string Artist, int Students, string? Reason, string SongKey);

public sealed record UnmatchedReportModel(int Total, IReadOnlyList<UnmatchedSongModel> Items);

public sealed record OverrideRequestModel(string? SongKey, string? Song, string? Artist, string? Track);

public sealed record OverrideAcceptedModel(string SongKey, string TrackId, int Requeued);
