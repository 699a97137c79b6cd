using SpotifyDashboard.Analysis;

namespace SpotifyDashboard.Api.Analysis;

/// <summary>
/// <c>GET /api/model</c>: how well the major predictor does, next to the majority-class baseline, or why
/// there is no model (<see cref="State"/> NotEnoughData and <see cref="Reason"/>). The model itself is not sent. With it, what
/// the engine did to the data: each feature's imputation (or why it was left out) and the answers it excluded.
/// </summary>
public sealed record ModelView(
    long Version,
    string Fingerprint,
    DateTimeOffset TrainedAt,
    string Source,
    ModelState State,
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
    IReadOnlyList<FeatureImportance> FeatureImportance,
    IReadOnlyList<string> UsedFeatures,
    IReadOnlyList<FeatureStandardization> Standardization,
    IReadOnlyList<ExcludedRow> ExcludedRows,
    IReadOnlyList<string> Warnings)
{
    public static ModelView From(ServedAnalysis analysis)
    {
        var model = analysis.Snapshot.Model;
        return new ModelView(
            analysis.Version,
            analysis.Snapshot.Version,
            analysis.Snapshot.TrainedAt,
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
            analysis.Snapshot.UsedFeatures,
            analysis.Snapshot.Standardization,
            analysis.Snapshot.ExcludedRows,
            analysis.Snapshot.Warnings);
    }
}
