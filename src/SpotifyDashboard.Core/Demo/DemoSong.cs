using SpotifyDashboard.Core.Music;

namespace SpotifyDashboard.Core.Demo;

/// <summary>A fictional song of the demo catalogue. Titles and artists are invented, and so are the features.</summary>
public sealed record DemoSong(string Id, string Title, string Artist, string Genre, AudioFeatures Features)
{
    public Track ToTrack() => new()
    {
        Id = Id,
        Name = Title,
        Artists = [Artist],
        Album = $"{Title} (Demo)",
        DurationMs = Features.DurationMs,
        Genres = [Genre.ToLowerInvariant()],
        FeatureSource = "demo",
    };
}
