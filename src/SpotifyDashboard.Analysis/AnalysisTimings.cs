namespace SpotifyDashboard.Analysis;

/// <summary>Wall-clock milliseconds per phase of one run (for the bench; not part of the snapshot).</summary>
public sealed record AnalysisTimings(double Scale, double Pca, double KMeans, double Classifier, double Total);
