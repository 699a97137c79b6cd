using SpotifyDashboard.Analysis.Classification;
using SpotifyDashboard.Analysis.Features;

namespace SpotifyDashboard.Analysis;

/// <summary>A snapshot with what was needed to make it: the scaler, the ready predictor and the timings.</summary>
public sealed record AnalysisRun(AnalysisSnapshot Snapshot, FeatureScaler Scaler, MajorPredictor Predictor, AnalysisTimings Timings);
