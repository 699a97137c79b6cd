using System.Text.Json.Serialization;

namespace SpotifyDashboard.Core.Contracts.Dashboard;

/// <summary>
/// <c>GET /api/model</c>: how well the major predictor does, next to the majority-class baseline, or why
/// there is no model (<see cref="State"/> NotEnoughData and <see cref="Reason"/>). The model itself is not sent. With it, what
/// the engine did to the data: each feature's imputation (or why it was left out) and the answers it excluded.
/// </summary>
public sealed record ModelAnswer(
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
    IReadOnlyList<string> Warnings);

/// <summary>Serialized kebab-case by the api (<c>trained</c>, <c>not-enough-data</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ModelState>))]
public enum ModelState
{
    Trained,
    NotEnoughData,
}

/// <summary>Mean drop of cross-validated accuracy when the feature is shuffled.</summary>
public sealed record FeatureImportance(string Feature, double AccuracyDrop);

/// <summary>
/// How one of the 13 features was prepared. <see cref="Used"/> false means it was left out (all missing or constant).
/// A raw value x becomes (x − Mean) / Std after a missing x is replaced by <see cref="ImputedWith"/>.
/// </summary>
public sealed record FeatureStandardization(
    string Feature,
    bool Used,
    double? Mean,
    double? Std,
    double? ImputedWith,
    int MissingCount,
    string? Note);

/// <summary>An answer the analysis left out, and why.</summary>
public sealed record ExcludedRow(string Id, string Reason);
