using SpotifyDashboard.Core.Music;

namespace SpotifyDashboard.Core.Demo;

/// <summary>The continuous features a major's taste can lean on (each has a spread in <see cref="GenreProfile"/>).</summary>
public enum TasteFeature
{
    Danceability,
    Energy,
    Loudness,
    Speechiness,
    Acousticness,
    Instrumentalness,
    Valence,
    Tempo,
    Duration,
}

/// <summary>
/// A major's liking for more (positive strength) or less (negative) of one feature than is usual in a genre.
/// </summary>
public sealed record TasteLeaning(TasteFeature Feature, double Strength)
{
    /// <summary>Strength × how far the song lies from its genre's mean, in units of the genre's spread.</summary>
    public double For(DemoSong song, GenreProfile genre)
    {
        var (mean, sd) = Feature switch
        {
            TasteFeature.Danceability => genre.Danceability,
            TasteFeature.Energy => genre.Energy,
            TasteFeature.Loudness => genre.Loudness,
            TasteFeature.Speechiness => genre.Speechiness,
            TasteFeature.Acousticness => genre.Acousticness,
            TasteFeature.Instrumentalness => genre.Instrumentalness,
            TasteFeature.Valence => genre.Valence,
            TasteFeature.Tempo => genre.Tempo,
            TasteFeature.Duration => genre.DurationSeconds,
            _ => throw new InvalidOperationException($"No genre spread for the taste feature {Feature}."),
        };
        return Strength * (Value(song.Features) - mean) / sd;
    }

    private double Value(AudioFeatures f) => Feature switch
    {
        TasteFeature.Danceability => f.Danceability,
        TasteFeature.Energy => f.Energy,
        TasteFeature.Loudness => f.Loudness,
        TasteFeature.Speechiness => f.Speechiness,
        TasteFeature.Acousticness => f.Acousticness,
        TasteFeature.Instrumentalness => f.Instrumentalness,
        TasteFeature.Valence => f.Valence,
        TasteFeature.Tempo => f.Tempo,
        TasteFeature.Duration => f.DurationMs / 1000.0,
        _ => null,
    } ?? throw new InvalidOperationException($"A demo song has no {Feature}.");
}
