using System.Text.Json.Serialization;

namespace SpotifyDashboard.Core.Music;

/// <summary>
/// The 13 audio features Spotify defined. Every one is nullable because providers differ:
/// ReccoBeats, for instance, has no time signature. Missing stays missing here; the analysis
/// imputes openly.
/// </summary>
public sealed record AudioFeatures
{
    /// <summary>0..1</summary>
    public double? Danceability { get; init; }
    /// <summary>0..1</summary>
    public double? Energy { get; init; }
    /// <summary>Pitch class 0..11, or -1 when no key was detected.</summary>
    public int? Key { get; init; }
    /// <summary>dB, typically -60..0</summary>
    public double? Loudness { get; init; }
    /// <summary>1 major, 0 minor</summary>
    public int? Mode { get; init; }
    /// <summary>0..1</summary>
    public double? Speechiness { get; init; }
    /// <summary>0..1</summary>
    public double? Acousticness { get; init; }
    /// <summary>0..1</summary>
    public double? Instrumentalness { get; init; }
    /// <summary>0..1</summary>
    public double? Liveness { get; init; }
    /// <summary>0..1</summary>
    public double? Valence { get; init; }
    /// <summary>Beats per minute</summary>
    public double? Tempo { get; init; }
    public int? DurationMs { get; init; }
    /// <summary>Beats per bar, 3..7</summary>
    public int? TimeSignature { get; init; }

    public static IReadOnlyList<string> Names { get; } =
    [
        "danceability", "energy", "key", "loudness", "mode", "speechiness", "acousticness",
        "instrumentalness", "liveness", "valence", "tempo", "duration_ms", "time_signature",
    ];

    /// <summary>The features in <see cref="Names"/> order, NaN where missing.</summary>
    public double[] ToVector() =>
    [
        Danceability ?? double.NaN, Energy ?? double.NaN, Key ?? double.NaN, Loudness ?? double.NaN,
        Mode ?? double.NaN, Speechiness ?? double.NaN, Acousticness ?? double.NaN,
        Instrumentalness ?? double.NaN, Liveness ?? double.NaN, Valence ?? double.NaN,
        Tempo ?? double.NaN, DurationMs ?? double.NaN, TimeSignature ?? double.NaN,
    ];

    [JsonIgnore]
    public bool IsComplete => Array.TrueForAll(ToVector(), v => !double.IsNaN(v));
}
