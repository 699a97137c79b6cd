using SpotifyDashboard.Analysis.Classification;
using SpotifyDashboard.Core.Music;

namespace SpotifyDashboard.Api.Analysis;

/// <summary>The body of <c>POST /api/predict-major</c>. The artist is optional but makes the match far more certain.</summary>
public sealed record PredictMajorRequest(string? Song, string? Artist)
{
    public const int MaxLength = 200;

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Song))
        {
            errors["song"] = ["song is required: the title of the song to predict a major for."];
        }
        else if (Song.Length > MaxLength)
        {
            errors["song"] = [$"song must be at most {MaxLength} characters."];
        }

        if (Artist is { Length: > MaxLength })
        {
            errors["artist"] = [$"artist must be at most {MaxLength} characters."];
        }

        return errors;
    }
}

/// <summary>
/// The answer of <c>POST /api/predict-major</c>. <see cref="State"/> is <c>predicted</c>, or <c>not-enough-data</c>
/// when the latest analysis has no trained model (then <see cref="Reason"/> says why and there are no probabilities).
/// The cross-validated accuracy and the baseline come along so a client can say how much to trust it.
/// </summary>
public sealed record PredictMajorView(
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

/// <summary>The recording the prediction used and its audio features.</summary>
public sealed record PredictedSong(string Title, string Artist, string TrackId, string? FeatureSource, AudioFeatures Features);
