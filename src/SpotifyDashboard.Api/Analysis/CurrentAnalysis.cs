using SpotifyDashboard.Analysis;
using SpotifyDashboard.Analysis.Classification;
using SpotifyDashboard.Analysis.Twins;
using SpotifyDashboard.Core.Analysis;

namespace SpotifyDashboard.Api.Analysis;

/// <summary>
/// The snapshot the api serves, with what it takes to answer queries about it built once:
/// the twin finder and the loaded major predictor (no retraining in the api).
/// </summary>
public sealed class CurrentAnalysis
{
    private CurrentAnalysis(StoredSnapshot<AnalysisSnapshot> stored)
    {
        Version = stored.Version;
        Source = stored.Source;
        PublishedAt = stored.PublishedAt;
        Snapshot = stored.Snapshot;
        // Snapshots made with Analysis:IncludeStandardizedRows=false cannot find twins.
        Twins = stored.Snapshot.Points.All(p => p.Standardized is not null) ? new MusicTwinFinder(stored.Snapshot) : null;
        Predictor = MajorPredictor.FromSnapshot(stored.Snapshot);
    }

    /// <summary>The number in <c>sd:snapshot:{version}</c>.</summary>
    public long Version { get; }

    /// <summary>Storage name of the survey source it was computed from.</summary>
    public string Source { get; }

    public DateTimeOffset PublishedAt { get; }

    public AnalysisSnapshot Snapshot { get; }

    public MusicTwinFinder? Twins { get; }

    public MajorPredictor Predictor { get; }

    public static CurrentAnalysis From(StoredSnapshot<AnalysisSnapshot> stored) => new(stored);
}
