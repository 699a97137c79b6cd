using SpotifyDashboard.Analysis;
using SpotifyDashboard.Api.Data;
using SpotifyDashboard.Core.Survey;

namespace SpotifyDashboard.Api.Analysis;

/// <summary>
/// <c>GET /api/clusters</c>: everything a 3D scatter of the class needs. Points are in PCA space
/// (x, y, z = the first three components of the standardized features); <see cref="Axes"/> says what each axis means.
/// </summary>
public sealed record ClustersView(
    long Version,
    string Fingerprint,
    DateTimeOffset TrainedAt,
    string Source,
    int K,
    bool AutoK,
    double? Silhouette,
    double InertiaPerRow,
    IReadOnlyList<double> ExplainedVariance,
    IReadOnlyList<AxisView> Axes,
    IReadOnlyList<ClusterView> Clusters,
    IReadOnlyList<ClusterPointView> Points,
    int ExcludedRows,
    IReadOnlyList<string> Warnings)
{
    /// <param name="data">Where each point's student, song and major come from; a point whose answer it lacks has them null.</param>
    public static ClustersView From(ServedAnalysis analysis, ClassTable data)
    {
        var snapshot = analysis.Snapshot;
        var pca = snapshot.Pca;
        var axes = pca.Components
            .Select((component, i) => new AxisView(
                $"PC{i + 1}",
                i < pca.ExplainedVarianceRatio.Count ? pca.ExplainedVarianceRatio[i] : 0,
                [.. component
                    .Select((weight, j) => new AxisLoading(snapshot.UsedFeatures[j], weight))
                    .OrderByDescending(l => Math.Abs(l.Weight)).ThenBy(l => l.Feature, StringComparer.Ordinal)
                    .Take(3)]))
            .ToList();
        return new ClustersView(
            analysis.Version,
            snapshot.Version,
            snapshot.TrainedAt,
            analysis.Source,
            snapshot.Clustering.K,
            snapshot.Clustering.AutoK,
            snapshot.Clustering.Silhouette,
            snapshot.Clustering.InertiaPerRow,
            pca.ExplainedVarianceRatio,
            axes,
            [.. snapshot.Clustering.Clusters.Select(c => new ClusterView(c.Id, c.Name, c.Size, c.Profile))],
            [.. snapshot.Points.Select(p => ClusterPointView.From(p, data.Find(p.Id)?.Response))],
            snapshot.ExcludedRows.Count,
            snapshot.Warnings);
    }
}

/// <summary>A principal component: its share of the variance and the features that weigh most in it.</summary>
public sealed record AxisView(string Name, double ExplainedVariance, IReadOnlyList<AxisLoading> TopFeatures);

public sealed record AxisLoading(string Feature, double Weight);

/// <summary>A cluster with its name from the centroid and each feature's cluster mean against the class mean.</summary>
public sealed record ClusterView(int Id, string Name, int Size, IReadOnlyList<FeatureProfile> Profile);

/// <summary>
/// One response in the scatter; <see cref="Label"/> is the major the analysis used, <see cref="DnaScore"/> 0 (typical)
/// to 100 (unusual). <see cref="Student"/> (a pseudonym), <see cref="Song"/>, <see cref="Artist"/>, <see cref="Major"/>
/// and <see cref="Year"/> are the stored answer's, null when the api does not hold it (yet).
/// </summary>
public sealed record ClusterPointView(
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
    string? Year)
{
    public static ClusterPointView From(SnapshotPoint point, SurveyResponse? response) => new(
        point.Id,
        point.X,
        point.Y,
        point.Z,
        point.Cluster,
        point.DnaScore,
        point.Label,
        response?.Student,
        response?.FavoriteSong,
        response?.Artist,
        response?.Major,
        response?.Year);
}
