using SpotifyDashboard.Analysis.Classification;
using SpotifyDashboard.Analysis.Twins;
using SpotifyDashboard.Core.Analysis;

namespace SpotifyDashboard.Api.Analysis;

/// <summary>
/// The snapshot the api serves, with what it takes to answer queries about it built once:
/// the twin finder, the loaded major predictor and the song placer (nothing is retrained in the api).
/// </summary>
public sealed class ServedAnalysis(StoredSnapshot<AnalysisSnapshot> stored)
{
    private readonly Dictionary<string, SnapshotPoint> _pointsById =
        stored.Snapshot.Points.DistinctBy(p => p.Id).ToDictionary(p => p.Id, StringComparer.Ordinal);

    /// <summary>The number in <c>sd:snapshot:{version}</c>.</summary>
    public long Version => stored.Version;

    /// <summary>Storage name of the survey source it was computed from.</summary>
    public string Source => stored.Source;

    public AnalysisSnapshot Snapshot => stored.Snapshot;

    /// <summary>Null for snapshots made with Analysis:IncludeStandardizedRows=false, which cannot find twins.</summary>
    public MusicTwinFinder? Twins { get; } =
        stored.Snapshot.Points.All(p => p.Standardized is not null) ? new MusicTwinFinder(stored.Snapshot) : null;

    /// <summary>Answers that depend on the snapshot alone (the model), each serialized once.</summary>
    public AnswerCache Answers { get; } = new(8);

    public MajorPredictor Predictor { get; } = MajorPredictor.FromSnapshot(stored.Snapshot);

    /// <summary>Where a song from outside the class falls among it.</summary>
    public SongPlacer Placer { get; } = new(stored.Snapshot);

    /// <summary>Cluster id → name.</summary>
    public IReadOnlyDictionary<int, string> ClusterNames { get; } =
        stored.Snapshot.Clustering.Clusters.GroupBy(c => c.Id).ToDictionary(g => g.Key, g => g.First().Name);

    public SnapshotPoint? FindPoint(string responseId) => _pointsById.GetValueOrDefault(responseId);
}
