using SpotifyDashboard.Core.Contracts.Dashboard;

namespace SpotifyDashboard.Analysis;

/// <summary>
/// Everything the api needs from one analysis run. Plain records only (no ML.NET types), so it
/// round-trips through System.Text.Json; the trained model travels as bytes (base64 in JSON).
/// </summary>
public sealed record AnalysisSnapshot
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>A hash of the inputs and settings: equal inputs give equal versions.</summary>
    public required string Version { get; init; }

    public required DateTimeOffset TrainedAt { get; init; }

    public required int Seed { get; init; }

    public required SnapshotSettings Settings { get; init; }

    public required int InputRows { get; init; }

    /// <summary>Names of the features actually used, in the order of every standardized vector in the snapshot.</summary>
    public required IReadOnlyList<string> UsedFeatures { get; init; }

    public required IReadOnlyList<FeatureStandardization> Standardization { get; init; }

    public required PcaSummary Pca { get; init; }

    public required ClusteringSummary Clustering { get; init; }

    public required IReadOnlyList<SnapshotPoint> Points { get; init; }

    public required ModelReport Model { get; init; }

    public required IReadOnlyList<ExcludedRow> ExcludedRows { get; init; }

    public required IReadOnlyList<string> Warnings { get; init; }

    public required DnaScoreDefinition DnaScore { get; init; }
}

public sealed record SnapshotSettings(string Clusters, int Restarts, int CvFolds, int MaxAutoClusters, int ClassifierIterations, int ClassifierLeaves);

/// <summary>One response in the snapshot. <see cref="Standardized"/> is in <see cref="AnalysisSnapshot.UsedFeatures"/> order.</summary>
public sealed record SnapshotPoint(
    string Id,
    string? Label,
    double X,
    double Y,
    double Z,
    int Cluster,
    double DnaScore,
    IReadOnlyList<double>? Standardized);

/// <summary>PCA of the standardized features. Components are unit vectors over <see cref="AnalysisSnapshot.UsedFeatures"/>.</summary>
public sealed record PcaSummary(IReadOnlyList<double> ExplainedVarianceRatio, IReadOnlyList<IReadOnlyList<double>> Components);

public sealed record ClusteringSummary(
    int K,
    bool AutoK,
    double Inertia,
    double InertiaPerRow,
    double? Silhouette,
    IReadOnlyList<CandidateK> Candidates,
    IReadOnlyList<ClusterSummary> Clusters);

/// <summary>One k tried when k is chosen automatically.</summary>
public sealed record CandidateK(int K, double Inertia, double? Silhouette);

/// <summary>The major predictor. When <see cref="State"/> is <see cref="ModelState.NotEnoughData"/> only <see cref="Reason"/> and the counts are set.</summary>
public sealed record ModelReport
{
    public required ModelState State { get; init; }

    public string? Reason { get; init; }

    public required int LabelledRows { get; init; }

    public string Algorithm { get; init; } = "LightGbm multiclass, class-balanced example weights";

    public IReadOnlyList<string> Classes { get; init; } = [];

    public IReadOnlyList<int> ClassCounts { get; init; } = [];

    public int Folds { get; init; }

    /// <summary>Boosting rounds used: n/100, at least 10, at most <c>Analysis:ClassifierIterations</c>.</summary>
    public int Iterations { get; init; }

    public double? CvAccuracy { get; init; }

    public double? CvBalancedAccuracy { get; init; }

    /// <summary>Accuracy of always answering the most frequent major.</summary>
    public double? BaselineAccuracy { get; init; }

    public string? BaselineClass { get; init; }

    /// <summary>Balanced accuracy of any constant answer: 1 / number of classes.</summary>
    public double? BaselineBalancedAccuracy { get; init; }

    /// <summary>Out-of-fold predictions: rows are actual classes, columns predicted, both in <see cref="Classes"/> order.</summary>
    public IReadOnlyList<IReadOnlyList<int>> ConfusionMatrix { get; init; } = [];

    /// <summary>Mean drop of cross-validated accuracy when one feature is shuffled, highest first.</summary>
    public IReadOnlyList<FeatureImportance> FeatureImportance { get; init; } = [];

    /// <summary>ML.NET model zip (deterministic bytes); load with <see cref="Classification.MajorPredictor.FromSnapshot"/>.</summary>
    public byte[]? ModelBytes { get; init; }
}

public sealed record DnaScoreDefinition(string Formula);
