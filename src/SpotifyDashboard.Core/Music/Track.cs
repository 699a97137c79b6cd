namespace SpotifyDashboard.Core.Music;

/// <summary>A song resolved to a concrete recording.</summary>
public sealed record Track
{
    /// <summary>Spotify track id, or <c>demo:…</c> for the built-in fictional catalogue.</summary>
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required IReadOnlyList<string> Artists { get; init; }
    public string? Album { get; init; }
    public string? ReleaseDate { get; init; }
    public int? DurationMs { get; init; }
    public string? Isrc { get; init; }
    public string? ImageUrl { get; init; }
    /// <summary>Null when the provider did not return it (development-mode Spotify apps never do).</summary>
    public int? Popularity { get; init; }
    public IReadOnlyList<string> Genres { get; init; } = [];
    /// <summary>Which provider gave the audio features: demo, reccobeats, spotify.</summary>
    public string? FeatureSource { get; init; }
}
