using SpotifyDashboard.Core.Music;

namespace SpotifyDashboard.Analysis;

/// <summary>One input row: a response id, its label (the major; null when unknown) and the song's audio features.</summary>
public sealed record AnalysisRow(string Id, string? Label, AudioFeatures Features);
