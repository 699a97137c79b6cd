using SpotifyDashboard.Analysis.Twins;

namespace SpotifyDashboard.Api.Analysis;

/// <summary>The latest analysis as <c>/api/clusters</c>, <c>/api/model</c> and the twins endpoints answer it.</summary>
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

    public static TwinsAnswer TwinsOfResponse(string responseId, int k, ServedAnalysis analysis, ClassTable data, SnapshotPoint point, TwinSearch search)
    {
        var item = data.Find(responseId);
        var subject = new TwinSubject(
            responseId,
            item?.Response.Student,
            item?.Response.FavoriteSong ?? "",
            item?.Response.Artist ?? "",
            item is null || string.IsNullOrWhiteSpace(item.Response.Major) ? point.Label : item.Response.Major,
            point.DnaScore,
            item?.Features,
            item?.Track?.Id,
            item?.Track?.FeatureSource);
        return new TwinsAnswer(responseId, k, analysis.Version, subject, TwinMatches(search.Twins, data), Peers(search, data), DnaScore.Formula);
    }

    public static TwinsAnswer TwinsOfSong(int k, ServedAnalysis analysis, ClassTable data, Track track, AudioFeatures features, double dnaScore, TwinSearch search)
    {
        var subject = new TwinSubject(null, null, track.Name, string.Join(", ", track.Artists), null, dnaScore, features, track.Id, track.FeatureSource);
        return new TwinsAnswer(null, k, analysis.Version, subject, TwinMatches(search.Twins, data), Peers(search, data), DnaScore.Formula);
    }

    private static List<SameSongPeer> Peers(TwinSearch search, ClassTable data) =>
        [.. search.SameSong.Select(id => new SameSongPeer(id, data.Find(id)?.Response.Student ?? ""))];

    /// <summary>Each twin with the student, song and features the class data holds for it.</summary>
    public static List<TwinMatch> TwinMatches(IReadOnlyList<MusicTwin> twins, ClassTable data) =>
        [.. twins.Select(twin =>
        {
            var item = data.Find(twin.Id);
            return new TwinMatch(
                twin.Id,
                twin.Label,
                twin.Similarity,
                [.. twin.Because.Select(b => new TwinFeature(b.Feature, b.Contribution))],
                item?.Response.Student ?? "",
                item?.Response.FavoriteSong ?? "",
                item?.Response.Artist ?? "",
                item?.Features);
        })];
}
