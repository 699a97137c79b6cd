using SpotifyDashboard.Analysis.Clustering;
using SpotifyDashboard.Analysis.Features;
using SpotifyDashboard.Analysis.Reduction;
using SpotifyDashboard.Core.Contracts.Dashboard;
using SpotifyDashboard.Core.Music;

namespace SpotifyDashboard.Analysis;

/// <summary>
/// Places a song from outside the class where the analysis would have put it, without retraining anything: in the
/// class's standardized space, in the cluster of the nearest k-means centroid, at its PCA coordinates, and at its Music
/// DNA score among the class.
/// </summary>
public sealed class SongPlacer
{
    private readonly FeatureScaler _scaler;
    private readonly double[][] _components;
    private readonly int[] _clusterIds;

    /// <summary>One centroid after another, as <see cref="KMeansClusterer"/> keeps them.</summary>
    private readonly double[] _centroids;

    private readonly double[]? _classDistances;

    public SongPlacer(AnalysisSnapshot snapshot)
    {
        _scaler = FeatureScaler.FromSnapshot(snapshot);
        _components = [.. snapshot.Pca.Components.Select(c => c.ToArray())];
        _clusterIds = [.. snapshot.Clustering.Clusters.Select(c => c.Id)];
        _centroids = [.. snapshot.Clustering.Clusters.SelectMany(c => Centroid(c, snapshot.UsedFeatures))];
        // A snapshot made with Analysis:IncludeStandardizedRows=false has no class to score a song among.
        _classDistances = snapshot.Points.All(p => p.Standardized is not null)
            ? [.. snapshot.Points.Select(p => DnaScore.Distance([.. p.Standardized!]))]
            : null;
    }

    /// <summary>Raw features in the class's standardized space (<see cref="AnalysisSnapshot.UsedFeatures"/> order); null when a value is infinite.</summary>
    public double[]? Standardize(AudioFeatures features)
    {
        var standardized = new double[_scaler.UsedColumns.Length];
        return _scaler.TryStandardize(FeatureScaler.RawVector(features), standardized) ? standardized : null;
    }

    /// <summary>The id of the cluster whose centroid is nearest, as k-means assigns the class's rows; −1 when there are none.</summary>
    public int NearestCluster(ReadOnlySpan<double> standardized)
    {
        if (_clusterIds.Length == 0)
        {
            return -1;
        }

        Span<int> nearest = stackalloc int[1];
        KMeansClusterer.AssignExact(standardized, 1, _centroids.Length / _clusterIds.Length, _centroids, _clusterIds.Length, nearest);
        return _clusterIds[nearest[0]];
    }

    /// <summary>PCA coordinates as the engine gives every response: the standardized vector (already centred) · each component.</summary>
    public (double X, double Y, double Z) Project(ReadOnlySpan<double> standardized)
    {
        var coordinates = new double[Math.Max(_components.Length, 3)];
        PrincipalComponents.Project(standardized, _components, coordinates);
        return (coordinates[0], coordinates[1], coordinates[2]);
    }

    /// <summary>
    /// The Music DNA score the song would have among the class (<see cref="DnaScore.PlaceAmong"/>), or null when the
    /// snapshot has no standardized rows or a feature is infinite.
    /// </summary>
    public double? DnaScoreAmongClass(AudioFeatures features) =>
        _classDistances is not null && Standardize(features) is { } standardized
            ? DnaScore.PlaceAmong(DnaScore.Distance(standardized), _classDistances)
            : null;

    /// <summary>A cluster's profile z-scores are its centroid: (cluster mean − class mean) / class std per used feature.</summary>
    private static double[] Centroid(ClusterSummary cluster, IReadOnlyList<string> usedFeatures)
    {
        var byFeature = cluster.Profile.ToDictionary(p => p.Feature, p => p.ZScore, StringComparer.Ordinal);
        return [.. usedFeatures.Select(f => byFeature.GetValueOrDefault(f))];
    }
}
