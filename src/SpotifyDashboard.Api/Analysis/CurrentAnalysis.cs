using SpotifyDashboard.Analysis;
using SpotifyDashboard.Analysis.Classification;
using SpotifyDashboard.Analysis.Features;
using SpotifyDashboard.Analysis.Reduction;
using SpotifyDashboard.Analysis.Twins;
using SpotifyDashboard.Api.Infrastructure;
using SpotifyDashboard.Core.Analysis;
using SpotifyDashboard.Core.Contracts.Dashboard;
using SpotifyDashboard.Core.Music;

namespace SpotifyDashboard.Api.Analysis;

/// <summary>
/// The snapshot the api serves, with what it takes to answer queries about it built once:
/// the twin finder and the loaded major predictor (no retraining in the api).
/// </summary>
public sealed class CurrentAnalysis
{
    private readonly double[]? _classDistances;
    private readonly Dictionary<string, SnapshotPoint> _pointsById;

    private CurrentAnalysis(StoredSnapshot<AnalysisSnapshot> stored)
    {
        Version = stored.Version;
        Source = stored.Source;
        PublishedAt = stored.PublishedAt;
        Snapshot = stored.Snapshot;
        // Snapshots made with Analysis:IncludeStandardizedRows=false cannot find twins.
        Twins = stored.Snapshot.Points.All(p => p.Standardized is not null) ? new MusicTwinFinder(stored.Snapshot) : null;
        Predictor = MajorPredictor.FromSnapshot(stored.Snapshot);
        Scaler = FeatureScaler.FromSnapshot(stored.Snapshot);
        _classDistances = Twins is null ? null : [.. stored.Snapshot.Points.Select(p => DnaScore.Distance([.. p.Standardized!]))];
        _pointsById = new Dictionary<string, SnapshotPoint>(stored.Snapshot.Points.Count, StringComparer.Ordinal);
        foreach (var point in stored.Snapshot.Points)
        {
            _pointsById.TryAdd(point.Id, point);
        }

        ClusterNames = stored.Snapshot.Clustering.Clusters.GroupBy(c => c.Id).ToDictionary(g => g.Key, g => g.First().Name);
        _components = [.. stored.Snapshot.Pca.Components.Select(c => c.ToArray())];
        _centroids = [.. stored.Snapshot.Clustering.Clusters.Select(c => (c.Id, Centroid(c, stored.Snapshot.UsedFeatures)))];
    }

    private readonly double[][] _components;
    private readonly (int Id, double[] Centre)[] _centroids;

    /// <summary>The number in <c>sd:snapshot:{version}</c>.</summary>
    public long Version { get; }

    /// <summary>Storage name of the survey source it was computed from.</summary>
    public string Source { get; }

    public DateTimeOffset PublishedAt { get; }

    public AnalysisSnapshot Snapshot { get; }

    public MusicTwinFinder? Twins { get; }

    /// <summary>Answers that depend on the snapshot alone (the model), each serialized once.</summary>
    public PreparedAnswers Prepared { get; } = new(8);

    public MajorPredictor Predictor { get; }

    /// <summary>The snapshot's standardization, to place songs outside the class in its space.</summary>
    public FeatureScaler Scaler { get; }

    /// <summary>Cluster id → name.</summary>
    public IReadOnlyDictionary<int, string> ClusterNames { get; }

    public SnapshotPoint? FindPoint(string responseId) => _pointsById.GetValueOrDefault(responseId);

    /// <summary>
    /// The Music DNA score a song would have among the class (<see cref="DnaScore.PlaceAmong"/>), or null when the
    /// snapshot has no standardized rows or a feature is infinite.
    /// </summary>
    public double? PlaceAmongClass(AudioFeatures features)
    {
        if (_classDistances is null)
        {
            return null;
        }

        return Standardize(features) is { } standardized
            ? DnaScore.PlaceAmong(DnaScore.Distance(standardized), _classDistances)
            : null;
    }

    /// <summary>Raw features in the snapshot's standardized space (<see cref="AnalysisSnapshot.UsedFeatures"/> order); null when a value is infinite.</summary>
    public double[]? Standardize(AudioFeatures features)
    {
        var standardized = new double[Scaler.UsedColumns.Length];
        return Scaler.TryStandardize(FeatureScaler.RawVector(features), standardized) ? standardized : null;
    }

    /// <summary>
    /// The cluster whose k-means centroid is nearest (Euclidean, in standardized space, as k-means assigns). A cluster's
    /// profile z-scores are its centroid: (cluster mean − class mean) / class std per used feature.
    /// </summary>
    public int NearestCluster(ReadOnlySpan<double> standardized)
    {
        var best = -1;
        var bestDistance = double.PositiveInfinity;
        foreach (var (id, centre) in _centroids)
        {
            double distance = 0;
            for (var j = 0; j < centre.Length; j++)
            {
                var d = standardized[j] - centre[j];
                distance += d * d;
            }

            if (distance < bestDistance)
            {
                (best, bestDistance) = (id, distance);
            }
        }

        return best;
    }

    /// <summary>PCA coordinates as the engine gives every response: the standardized vector (already centred) · each component.</summary>
    public (double X, double Y, double Z) Project(ReadOnlySpan<double> standardized)
    {
        var coordinates = new double[Math.Max(_components.Length, 3)];
        PrincipalComponents.Project(standardized, _components, coordinates);
        return (coordinates[0], coordinates[1], coordinates[2]);
    }

    private static double[] Centroid(ClusterSummary cluster, IReadOnlyList<string> usedFeatures)
    {
        var byFeature = cluster.Profile.ToDictionary(p => p.Feature, p => p.ZScore, StringComparer.Ordinal);
        return [.. usedFeatures.Select(f => byFeature.GetValueOrDefault(f))];
    }

    public static CurrentAnalysis From(StoredSnapshot<AnalysisSnapshot> stored) => new(stored);
}
