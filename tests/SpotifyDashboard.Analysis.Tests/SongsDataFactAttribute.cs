namespace SpotifyDashboard.Analysis.Tests;

/// <summary>A fact that needs the real songs files; skipped, saying why, when they are not on this machine.</summary>
public sealed class SongsDataFactAttribute : FactAttribute
{
    /// <summary>
    /// <c>SPOTIFY_SONGS_DIR</c> when set, else <c>../shared/data/spotify-songs</c> beside the repository
    /// (the data is never committed).
    /// </summary>
    public static string Folder { get; } = Environment.GetEnvironmentVariable("SPOTIFY_SONGS_DIR") ?? FindBesideRepository();

    public static string TrainFile => Path.Combine(Folder, "genre_train_artistsplit.csv");

    public SongsDataFactAttribute()
    {
        if (!File.Exists(TrainFile))
        {
            Skip = $"Real songs data not found at {TrainFile}; this test runs only where ../shared/data/spotify-songs is present (or SPOTIFY_SONGS_DIR points to it).";
        }
    }

    private static string FindBesideRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SpotifyDashboard.slnx")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "spotify-songs"));
            }
        }

        return Path.Combine("..", "shared", "data", "spotify-songs");
    }
}
