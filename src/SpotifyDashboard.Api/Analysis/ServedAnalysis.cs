using SpotifyDashboard.Analysis;
using SpotifyDashboard.Analysis.Classification;
using SpotifyDashboard.Analysis.Twins;
using SpotifyDashboard.Api.Answers;
using SpotifyDashboard.Core.Analysis;

namespace SpotifyDashboard.Api.Analysis;

/// <summary>
/// The snapshot the api serves, with what it takes to answer queries about it built once:
/// the twin finder, the loaded major predictor and the song placer (nothing is retrained in the api).
/// </summary>
public sealed class ServedAnalysis
{
    private readonly Dictionary<string, SnapshotPoint> _pointsById;

    private ServedAnalysis(StoredSnapshot<AnalysisSnapshot> stored)
    {
        Version = stored.Version;
        Source = stored.Source;
        PublishedAt = stored.PublishedAt;
        Snapshot = stored.Snapshot;
        // Snapshots made with Analysis:IncludeStandardizedRows=false cannot find twins.
        Twins = stored.Snapshot.Points.All(p => p.Standardized is not null) ? new MusicTwinFinder(stored.Snapshot) : null;
        Predictor = MajorPredictor.FromSnapshot(stored.Snapshot);
        Placer = new SongPlacer(stored.Snapshot);
        _pointsById = new Dictionary<string, SnapshotPoint>(stored.Snapshot.Points.Count, StringComparer.Ordinal);
        foreach (var point in stored.Snapshot.Points)
        {
            _pointsById.TryAdd(point.Id, point);
        }

        ClusterNames = stored.Snapshot.Clustering.Clusters.GroupBy(c => c.Id).ToDictionary(g => g.Key, g => g.First().Name);
    }

    /// <summary>The number in <c>sd:snapshot:{version}</c>.</summary>
    public long Version { get; }

    /// <summary>Storage name of the survey source it was computed from.</summary>
    public string Source { get; }

    public DateTimeOffset PublishedAt { get; }

    public AnalysisSnapshot Snapshot { get; }

    public MusicTwinFinder? Twins { get; }

    /// <summary>Answers that depend on the snapshot alone (the model), each serialized once.</summary>
    public AnswerCache Answers { get; } = new(8);

    public MajorPredictor Predictor { get; }

    /// <summary>Where a song from outside the class falls among it.</summary>
    public SongPlacer Placer { get; }

    /// <summary>Cluster id → name.</summary>
    public IReadOnlyDictionary<int, string> ClusterNames { get; }

    public SnapshotPoint? FindPoint(string responseId) => _pointsById.GetValueOrDefault(responseId);

    public static ServedAnalysis From(StoredSnapshot<AnalysisSnapshot> stored) => new(stored);
}
