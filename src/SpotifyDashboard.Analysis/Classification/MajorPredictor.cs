using Microsoft.ML;
using SpotifyDashboard.Analysis.Features;
using SpotifyDashboard.Core.Contracts.Dashboard;
using SpotifyDashboard.Core.Music;

namespace SpotifyDashboard.Analysis.Classification;

/// <summary>
/// Predicts a major from a song's features with a trained model. Built from a snapshot
/// (<see cref="FromSnapshot"/>: loads the stored model bytes, no retraining) or by the trainer.
/// Thread-safe: each call transforms its own data view.
/// </summary>
public sealed class MajorPredictor
{
    private readonly ITransformer? _model;
    private readonly FeatureScaler? _scaler;
    private readonly string? _unavailableReason;

    internal MajorPredictor(ITransformer? model, IReadOnlyList<string> classes, FeatureScaler? scaler, string? unavailableReason)
    {
        _model = model;
        Classes = classes;
        _scaler = scaler;
        _unavailableReason = unavailableReason;
    }

    public IReadOnlyList<string> Classes { get; }

    public bool IsAvailable => _model is not null && _scaler is not null;

    public static MajorPredictor FromSnapshot(AnalysisSnapshot snapshot)
    {
        var context = new MLContext(seed: snapshot.Seed);
        if (snapshot.Model.State != ModelState.Trained || snapshot.Model.ModelBytes is not { Length: > 0 } bytes)
        {
            return new MajorPredictor(null, [], null, snapshot.Model.Reason ?? "No trained model in this snapshot.");
        }

        var model = LightGbmMajorModel.Load(context, bytes);
        var scaler = FeatureScaler.FromSnapshot(snapshot);
        return new MajorPredictor(model, LightGbmMajorModel.ScoreClasses(model, scaler.UsedColumns.Length), scaler, null);
    }

    public MajorPrediction Predict(AudioFeatures features)
    {
        if (_model is null || _scaler is null)
        {
            return MajorPrediction.Unavailable(_unavailableReason ?? "No trained model.");
        }

        var standardized = new double[_scaler.UsedColumns.Length];
        if (!_scaler.TryStandardize(FeatureScaler.RawVector(features), standardized))
        {
            return MajorPrediction.Unavailable("A feature value is infinite.");
        }

        return ToPrediction(PredictStandardized([Array.ConvertAll(standardized, v => (float)v)])[0]);
    }

    /// <summary>Class probabilities for standardized rows, in <see cref="Classes"/> order (the model's own).</summary>
    public float[][] PredictStandardized(IReadOnlyList<float[]> rows)
    {
        if (_model is null || _scaler is null)
        {
            throw new InvalidOperationException(_unavailableReason ?? "No trained model.");
        }

        return LightGbmMajorModel.Score(_model, rows, _scaler.UsedColumns.Length);
    }

    private MajorPrediction ToPrediction(float[] scores)
    {
        var probabilities = scores.Select((p, i) => new ClassProbability(Classes[i], p))
            .OrderByDescending(p => p.Probability).ThenBy(p => p.Major, StringComparer.Ordinal)
            .ToList();
        return new MajorPrediction(true, null, probabilities[0].Major, probabilities[0].Probability, probabilities);
    }
}
