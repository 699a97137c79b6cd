using SpotifyDashboard.Core.Music;

namespace SpotifyDashboard.Core.Contracts.Dashboard;

/// <summary>
/// The body of <c>POST /api/compare</c>: a listener's tracks by Spotify id (never a token, at most 50), or up to 10
/// <see cref="Songs"/> typed by title and artist (resolved as the class's songs are, for a listener without a Spotify
/// account), or <see cref="DemoListener"/> in demo mode for tracks taken from the demo catalogue. Exactly one of the three.
/// Nothing is written to the class data.
/// </summary>
public sealed record CompareRequest(IReadOnlyList<string>? TrackIds, bool DemoListener = false, int? K = null, IReadOnlyList<CompareSong>? Songs = null);

/// <summary>How much one comparison may bring: the api refuses more, and the page says so before sending.</summary>
public static class CompareLimits
{
    public const int MaxTrackIds = 50;
    public const int MaxSongs = 10;

    /// <summary>A listener's export file: big enough for a year of streaming history or a library of thousands of tracks.</summary>
    public const int MaxFileBytes = 8 * 1024 * 1024;
}

/// <summary>A song a listener names: its title and, optionally, its artist.</summary>
public sealed record CompareSong(string? Song, string? Artist);

/// <summary>
/// <c>POST /api/compare</c>: where a listener's taste sits in the class. <see cref="Taste"/> is the mean of the tracks'
/// features; the rest comes from placing it, standardized with the class's scaler, in the latest analysis.
/// <see cref="MissingTrackIds"/> are the ids without features, or for typed songs the songs nothing matched, as typed.
/// <see cref="Input"/> says what was read from a listener's file, when the tracks came from one.
/// </summary>
public sealed record CompareAnswer(
    long Version,
    IReadOnlyList<CompareTrack> Tracks,
    IReadOnlyList<string> MissingTrackIds,
    AudioFeatures Taste,
    CompareCluster Cluster,
    ComparePoint Point,
    double DnaScore,
    IReadOnlyList<TwinMatch> Twins,
    ComparePrediction Prediction,
    string DnaFormula,
    string? Input = null);

/// <summary>One of the listener's tracks with its features, and how close it is to the class's taste (cosine to the nearest answer).</summary>
public sealed record CompareTrack(string Id, string Name, string Artist, AudioFeatures Features, double ClosestSimilarity, string? ClosestStudent);

public sealed record CompareCluster(int Id, string Name);

/// <summary>The listener as a point in the class's PCA space (same axes as <c>GET /api/clusters</c>).</summary>
public sealed record ComparePoint(double X, double Y, double Z);

/// <summary>The major the predictor would guess, next to its honesty figures; <see cref="State"/> as in <c>predict-major</c>.</summary>
public sealed record ComparePrediction(string State, string? Reason, string? Major, double? Confidence, double? CvAccuracy, double? BaselineAccuracy);
