namespace SpotifyDashboard.Analysis.Tests;

/// <summary>A fact that needs the real songs files; skipped, saying why, when they are not on this machine.</summary>
public sealed class SongsDataFactAttribute : FactAttribute
{
    public const string Folder = "/work/shared/data/spotify-songs";

    public static string TrainFile => Path.Combine(Folder, "genre_train_artistsplit.csv");

    public SongsDataFactAttribute()
    {
        if (!File.Exists(TrainFile))
        {
            Skip = $"Real songs data not found at {TrainFile}; this test runs only where ../shared/data/spotify-songs is present.";
        }
    }
}
