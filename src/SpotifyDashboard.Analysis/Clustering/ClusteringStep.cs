using SpotifyDashboard.Analysis.Features;
using SpotifyDashboard.Core.Contracts.Dashboard;
using SpotifyDashboard.Core.Music;

namespace SpotifyDashboard.Analysis.Clustering;

/// <summary>Chooses k (fixed, clamped, or by silhouette), clusters, relabels clusters by size and names them.</summary>
internal static class ClusteringStep
{
    public static (ClusteringSummary Summary, int[] Assignments) Run(FeatureMatrix matrix, FeatureScaler scaler, AnalysisOptions settings, List<string> warnings)
    {
        var n = matrix.RowCount;
        var d = matrix.ColumnCount;
        if (n == 0 || d == 0)
        {
            return (new ClusteringSummary(0, settings.IsAutoClusters, 0, 0, null, [], []), new int[n]);
        }

        var distinct = CountDistinctRows(matrix);
        var candidates = new List<CandidateK>();
        KMeansResult result;
        double? silhouette;
        if (settings.FixedClusters is { } requested)
        {
            var k = Math.Min(requested, distinct);
            if (k < requested)
            {
                warnings.Add($"Analysis:Clusters is {requested} but there are only {distinct} distinct rows: k was clamped to {k}.");
            }

            result = KMeansClusterer.Fit(matrix.Values, n, d, k, settings.Restarts, settings.Seed);
            silhouette = Silhouette.Score(matrix.Values, n, d, result.Assignments, k, settings.SilhouetteSampleSize, settings.Seed);
        }
        else
        {
            var maxK = Math.Min(settings.MaxAutoClusters, distinct - 1);
            if (maxK < 2)
            {
                var k = Math.Min(distinct, 1);
                warnings.Add($"Too few distinct rows ({distinct}) to choose k by silhouette: k = {k}.");
                result = KMeansClusterer.Fit(matrix.Values, n, d, k, settings.Restarts, settings.Seed);
                silhouette = null;
            }
            else
            {
                (KMeansResult Result, double? Silhouette)? best = null;
                for (var k = 2; k <= maxK; k++)
                {
                    var fit = KMeansClusterer.Fit(matrix.Values, n, d, k, settings.Restarts, settings.Seed);
                    var score = Silhouette.Score(matrix.Values, n, d, fit.Assignments, k, settings.SilhouetteSampleSize, settings.Seed);
                    candidates.Add(new CandidateK(k, fit.Inertia, score));
                    if (best is null || (score ?? -2) > (best.Value.Silhouette ?? -2))
                    {
                        best = (fit, score);
                    }
                }

                (result, silhouette) = best!.Value;
            }
        }

        var (assignments, clusters) = Describe(result, matrix, scaler);
        var summary = new ClusteringSummary(result.K, settings.IsAutoClusters, result.Inertia, result.Inertia / n, silhouette, candidates, clusters);
        return (summary, assignments);
    }

    /// <summary>Cluster 0 is the largest (ties: the earlier centroid), so ids are stable for a given result.</summary>
    private static (int[] Assignments, List<ClusterSummary> Clusters) Describe(KMeansResult result, FeatureMatrix matrix, FeatureScaler scaler)
    {
        var d = matrix.ColumnCount;
        var sizes = Enumerable.Range(0, result.K).Select(c => result.Assignments.Count(a => a == c)).ToArray();
        var order = Enumerable.Range(0, result.K).OrderByDescending(c => sizes[c]).ThenBy(c => c).ToArray();

        var profiles = order.Select(c => (IReadOnlyList<FeatureProfile>)[.. Enumerable.Range(0, d).Select(j =>
        {
            var z = result.Centroids[c * d + j];
            return new FeatureProfile(AudioFeatures.Names[matrix.UsedColumns[j]], scaler.Mean(j) + z * scaler.Std(j), scaler.Mean(j), z);
        })]).ToList();
        var names = ClusterNamer.Name([.. profiles.Select(p => (IReadOnlyList<(string, double)>)[.. p.Select(f => (f.Feature, f.ZScore))])]);
        var clusters = order.Select((c, i) => new ClusterSummary(i, names[i], sizes[c], profiles[i])).ToList();
        return ([.. result.Assignments.Select(a => Array.IndexOf(order, a))], clusters);
    }

    private static int CountDistinctRows(FeatureMatrix matrix) => Enumerable.Range(0, matrix.RowCount)
        .Select(i => Convert.ToBase64String(System.Runtime.InteropServices.MemoryMarshal.AsBytes(matrix.Row(i))))
        .Distinct(StringComparer.Ordinal)
        .Count();
}
