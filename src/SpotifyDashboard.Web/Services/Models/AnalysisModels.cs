using SpotifyDashboard.Core.Music;

namespace SpotifyDashboard.Web.Services.Models;

// The web's reading of the api's analysis answers (GET /api/clusters, /api/model, POST /api/predict-major).
// Plain copies rather than a reference to the analysis library: the web carries no ML.NET.

public sealed record ClustersModel(
    long Version,
    string Fingerprint,
    DateTimeOffset TrainedAt,
    string Source,
    int K,
    bool AutoK,
    double? Silhouette,
    IReadOnlyList<double> ExplainedVariance,
    IReadOnlyList<AxisModel> Axes,
    IReadOnlyList<ClusterModel> Clusters,
    IReadOnlyList<ClusterPointModel> Points,
    int ExcludedRows,
    IReadOnlyList<string> Warnings);

public sealed record AxisModel(string Name, double ExplainedVariance, IReadOnlyList<AxisLoadingModel> TopFeatures);

public sealed record AxisLoadingModel(string Feature, double Weight);

public sealed record ClusterModel(int Id, string Name, int Size, IReadOnlyList<FeatureProfileModel> Profile);

public sealed record FeatureProfileModel(string Feature, double ClusterMean, double ClassMean, double ZScore);

public sealed record ClusterPointModel(
    string Id,
    double X,
    double Y,
    double Z,
    int Cluster,
    double DnaScore,
    string? Label,
    string? Student,
    string? Song,
    string? Artist,
    string? Major,
    string? Year);

public sealed record ModelReportModel(
    long Version,
    DateTimeOffset TrainedAt,
    string Source,
    string State,
    string? Reason,
    int LabelledRows,
    string Algorithm,
    IReadOnlyList<string> Classes,
    IReadOnlyList<int> ClassCounts,
    int Folds,
    int Iterations,
    double? CvAccuracy,
    double? CvBalancedAccuracy,
    double? BaselineAccuracy,
    string? BaselineClass,
    double? BaselineBalancedAccuracy,
    IReadOnlyList<IReadOnlyList<int>> ConfusionMatrix,
    IReadOnlyList<FeatureImportanceModel> FeatureImportance,
    IReadOnlyList<string> UsedFeatures,
    IReadOnlyList<StandardizationModel>? Standardization,
    IReadOnlyList<ExcludedRowModel>? ExcludedRows,
    IReadOnlyList<string>? Warnings)
{
    public bool IsTrained => ModelStates.IsTrained(State);
}

public sealed record FeatureImportanceModel(string Feature, double AccuracyDrop);

public sealed record StandardizationModel(string Feature, bool Used, double? Mean, double? Std, double? ImputedWith, int MissingCount, string? Note);

public sealed record ExcludedRowModel(string Id, string Reason);

public sealed record PredictionModel(
    string State,
    string? Reason,
    string? Major,
    double? Confidence,
    IReadOnlyList<MajorProbabilityModel> Probabilities,
    PredictedSongModel Song,
    long Version,
    double? CvAccuracy,
    double? BaselineAccuracy);

public sealed record MajorProbabilityModel(string Major, double Probability);

public sealed record PredictedSongModel(string Title, string Artist, string TrackId, string? FeatureSource, AudioFeatures Features);

public static class ModelStates
{
    /// <summary>The api writes "trained" or "not-enough-data"; read leniently.</summary>
    public static bool IsTrained(string? state) => string.Equals(state, "trained", StringComparison.OrdinalIgnoreCase);
}
