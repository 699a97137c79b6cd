using SpotifyDashboard.Core.Contracts.Dashboard;

namespace SpotifyDashboard.Analysis.Classification;

/// <summary>
/// A prediction for one song. When <see cref="Available"/> is false, <see cref="Reason"/> says why
/// (no trained model: not enough data; or an infinite feature value) and the rest is empty.
/// </summary>
public sealed record MajorPrediction(bool Available, string? Reason, string? Major, double Confidence, IReadOnlyList<ClassProbability> Probabilities)
{
    public static MajorPrediction Unavailable(string reason) => new(false, reason, null, 0, []);
}
