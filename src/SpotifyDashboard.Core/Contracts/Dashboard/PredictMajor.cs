using SpotifyDashboard.Core.Music;

namespace SpotifyDashboard.Core.Contracts.Dashboard;

/// <summary>The body of <c>POST /api/predict-major</c>. The artist is optional but makes the match far more certain.</summary>
public sealed record PredictMajorRequest(string? Song, string? Artist);

/// <summary>
/// The answer of <c>POST /api/predict-major</c>. <see cref="State"/> is <c>predicted</c>, or <c>not-enough-data</c>
/// when the latest analysis has no trained model (then <see cref="Reason"/> says why and there are no probabilities).
/// The cross-validated accuracy and the baseline come along so a client can say how much to trust it.
/// </summary>
public sealed record PredictMajorAnswer(
    string State,
    string? Reason,
    string? Major,
    double? Confidence,
    IReadOnlyList<ClassProbability> Probabilities,
    PredictedSong Song,
    long Version,
    double? CvAccuracy,
    double? BaselineAccuracy)
{
    public const string Predicted = "predicted";
    public const string NotEnoughData = "not-enough-data";
}

public sealed record ClassProbability(string Major, double Probability);

/// <summary>The recording the prediction used and its audio features.</summary>
public sealed record PredictedSong(string Title, string Artist, string TrackId, string? FeatureSource, AudioFeatures Features);
