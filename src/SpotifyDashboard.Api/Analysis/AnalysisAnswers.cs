using SpotifyDashboard.Analysis;
using SpotifyDashboard.Api.Data;
using SpotifyDashboard.Core.Contracts.Dashboard;
using SpotifyDashboard.Core.Survey;

namespace SpotifyDashboard.Api.Analysis;

/// <summary>The latest analysis as <c>GET /api/clusters</c> and <c>GET /api/model</c> answer it.</summary>
public static class AnalysisAnswers
{
    /// <param name="data">Where each point's student, song and major come from; a point whose answer it lacks has them null.</param>
    public static ClustersAnswer Clusters(ServedAnalysis analysis, ClassTable data)
    {
        var snapshot = analysis.Snapshot;
        var pca = snapshot.Pca;
        var axes = pca.Components
            .Select((component, i) => new PcaAxis(
                $"PC{i + 1}",
                i < pca.ExplainedVarianceRatio.Count ? pca.ExplainedVarianceRatio[i] : 0,
                [.. component
                    .Select((weight, j) => new AxisLoading(snapshot.UsedFeatures[j], weight))
                    .OrderByDescending(l => Math.Abs(l.Weight)).ThenBy(l => l.Feature, StringComparer.Ordinal)
                    .Take(3)]))
            .ToList();
        return new ClustersAnswer(
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
            snapshot.Clustering.Clusters,
            [.. snapshot.Points.Select(p => Point(p, data.Find(p.Id)?.Response))],
            snapshot.ExcludedRows.Count,
            snapshot.Warnings);
    }

    /// <summary>The stored point with what the class data holds of its answer.</summary>
    private static ClusterPoint Point(SnapshotPoint point, SurveyResponse? response) => new(
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

    public static ModelAnswer Model(ServedAnalysis analysis)
    {
        var snapshot = analysis.Snapshot;
        var model = snapshot.Model;
        return new ModelAnswer(
            analysis.Version,
            snapshot.Version,
            snapshot.TrainedAt,
            analysis.Source,
            model.State,
            model.Reason,
            model.LabelledRows,
            model.Algorithm,
            model.Classes,
            model.ClassCounts,
            model.Folds,
            model.Iterations,
            model.CvAccuracy,
            model.CvBalancedAccuracy,
            model.BaselineAccuracy,
            model.BaselineClass,
            model.BaselineBalancedAccuracy,
            model.ConfusionMatrix,
            model.FeatureImportance,
            snapshot.UsedFeatures,
            snapshot.Standardization,
            snapshot.ExcludedRows,
            snapshot.Warnings);
    }
}
