namespace SpotifyDashboard.Core.Contracts.Dashboard;

/// <summary>
/// <c>GET /api/clusters</c>: everything a 3D scatter of the class needs. Points are in PCA space
/// (x, y, z = the first three components of the standardized features); <see cref="Axes"/> says what each axis means.
/// </summary>
public sealed record ClustersAnswer(
    long Version,
    string Fingerprint,
    DateTimeOffset TrainedAt,
    string Source,
    int K,
    bool AutoK,
    double? Silhouette,
    double InertiaPerRow,
    IReadOnlyList<double> ExplainedVariance,
    IReadOnlyList<PcaAxis> Axes,
    IReadOnlyList<ClusterSummary> Clusters,
    IReadOnlyList<ClusterPoint> Points,
    int ExcludedRows,
    IReadOnlyList<string> Warnings);

/// <summary>A principal component: its share of the variance and the features that weigh most in it.</summary>
public sealed record PcaAxis(string Name, double ExplainedVariance, IReadOnlyList<AxisLoading> TopFeatures);

public sealed record AxisLoading(string Feature, double Weight);

/// <summary>A cluster with its name from the centroid and each feature's cluster mean against the class mean.</summary>
public sealed record ClusterSummary(int Id, string Name, int Size, IReadOnlyList<FeatureProfile> Profile);

/// <summary>A cluster's mean of one feature next to the class mean; <see cref="ZScore"/> is the difference in class standard deviations.</summary>
public sealed record FeatureProfile(string Feature, double ClusterMean, double ClassMean, double ZScore);

/// <summary>
/// One response in the scatter; <see cref="Label"/> is the major the analysis used, <see cref="DnaScore"/> 0 (typical)
/// to 100 (unusual). <see cref="Student"/> (a pseudonym), <see cref="Song"/>, <see cref="Artist"/>, <see cref="Major"/>
/// and <see cref="Year"/> are the stored answer's, null when the api does not hold it (yet).
/// </summary>
public sealed record ClusterPoint(
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
