using SpotifyDashboard.Core.Music;

namespace SpotifyDashboard.Analysis;

/// <summary>A listener's taste: the mean of their tracks' features.</summary>
public static class ListenerTaste
{
    /// <summary>
    /// Each feature is the mean of the tracks that have it (missing when none has it). Key −1 ("no key detected") counts
    /// as missing, as in the analysis. The whole-number features (key, mode, duration, time signature) are rounded:
    /// the contract's <see cref="AudioFeatures"/> holds them as integers, so mode becomes the majority mode.
    /// </summary>
    public static AudioFeatures MeanOf(IReadOnlyCollection<AudioFeatures> tracks)
    {
        double? Mean(Func<AudioFeatures, double?> feature)
        {
            var values = tracks.Select(feature).Where(v => v is { } x && double.IsFinite(x)).Select(v => v!.Value).ToList();
            return values.Count == 0 ? null : values.Average();
        }

        int? Rounded(Func<AudioFeatures, double?> feature) =>
            Mean(feature) is { } mean ? (int)Math.Round(mean, MidpointRounding.AwayFromZero) : null;

        return new AudioFeatures
        {
            Danceability = Mean(f => f.Danceability),
            Energy = Mean(f => f.Energy),
            Key = Rounded(f => f.Key is >= 0 ? f.Key : null),
            Loudness = Mean(f => f.Loudness),
            Mode = Rounded(f => f.Mode),
            Speechiness = Mean(f => f.Speechiness),
            Acousticness = Mean(f => f.Acousticness),
            Instrumentalness = Mean(f => f.Instrumentalness),
            Liveness = Mean(f => f.Liveness),
            Valence = Mean(f => f.Valence),
            Tempo = Mean(f => f.Tempo),
            DurationMs = Rounded(f => f.DurationMs),
            TimeSignature = Rounded(f => f.TimeSignature),
        };
    }
}
