using SpotifyDashboard.Analysis.Twins;

namespace SpotifyDashboard.Api.Analysis;

/// <summary><c>GET /api/twins/{responseId}</c>: the most similar responses, best first, each with the three features that match most.</summary>
public sealed record TwinsView(string ResponseId, int K, long Version, IReadOnlyList<MusicTwin> Twins);
