using System.Numerics.Tensors;
using SpotifyDashboard.Analysis.Features;
using SpotifyDashboard.Core.Music;

namespace SpotifyDashboard.Analysis.Twins;

/// <summary>One feature's share of a twin match: z(query) × z(twin) / (‖query‖ ‖twin‖); the shares sum to the similarity.</summary>
public sealed record TwinReason(string Feature, double Contribution);

public sealed record MusicTwin(string Id, string? Label, double Similarity, IReadOnlyList<TwinReason> Because);

/// <summary>
/// Finds the responses whose songs are most alike by cosine similarity over the standardized features
/// of a snapshot. One pass over the rows per query (O(n·d)) and a top-k selection, no n×n matrix.
/// The "because" lists the three features that add the most to the similarity.
/// </summary>
public sealed class MusicTwinFinder
{
    private readonly AnalysisSnapshot _snapshot;
    private readonly float[] _rows;
    private readonly float[] _norms;
    private readonly Dictionary<string, int> _indexById;
    private readonly FeatureScaler _scaler;
    private readonly int _columns;

    public MusicTwinFinder(AnalysisSnapshot snapshot)
    {
        _snapshot = snapshot;
        _columns = snapshot.UsedFeatures.Count;
        _scaler = FeatureScaler.FromSnapshot(snapshot);
        var points = snapshot.Points;
        _rows = new float[points.Count * _columns];
        _norms = new float[points.Count];
        _indexById = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < points.Count; i++)
        {
            var standardized = points[i].Standardized
                ?? throw new ArgumentException("The snapshot was made without standardized rows (IncludeStandardizedRows = false).", nameof(snapshot));
            for (var j = 0; j < _columns; j++)
            {
                _rows[i * _columns + j] = (float)standardized[j];
            }

            _norms[i] = TensorPrimitives.Norm(_rows.AsSpan(i * _columns, _columns));
            _indexById.TryAdd(points[i].Id, i);
        }
    }

    /// <summary>Twins of a response in the snapshot (itself excluded); null when the id is unknown.</summary>
    public IReadOnlyList<MusicTwin>? FindForResponse(string responseId, int k = 5) =>
        _indexById.TryGetValue(responseId, out var index) ? Find(_rows.AsSpan(index * _columns, _columns).ToArray(), k, index) : null;

    /// <summary>Twins of any song's raw features; empty when a feature is infinite.</summary>
    public IReadOnlyList<MusicTwin> FindForFeatures(AudioFeatures features, int k = 5)
    {
        var standardized = new double[_columns];
        return _scaler.TryStandardize(FeatureScaler.RawVector(features), standardized) ? Find(Array.ConvertAll(standardized, v => (float)v), k, exclude: -1) : [];
    }

    private List<MusicTwin> Find(float[] query, int k, int exclude)
    {
        var count = _norms.Length;
        k = Math.Clamp(k, 0, Math.Max(count - (exclude >= 0 ? 1 : 0), 0));
        if (k == 0 || _columns == 0)
        {
            return [];
        }

        var queryNorm = TensorPrimitives.Norm(query);
        // A bounded heap keyed by (similarity, -index): the smallest of the best k sits on top and is evicted first.
        var best = new PriorityQueue<int, (float Similarity, int NegIndex)>(k + 1);
        for (var i = 0; i < count; i++)
        {
            if (i == exclude)
            {
                continue;
            }

            var similarity = Similarity(query, queryNorm, i);
            best.Enqueue(i, (similarity, -i));
            if (best.Count > k)
            {
                best.Dequeue();
            }
        }

        var found = new List<int>(k);
        while (best.TryDequeue(out var index, out _))
        {
            found.Add(index);
        }

        found.Reverse();
        return [.. found.Select(i => ToTwin(query, queryNorm, i))];
    }

    private float Similarity(float[] query, float queryNorm, int i)
    {
        var denominator = queryNorm * _norms[i];
        // A row exactly at the class average has no direction: it is nobody's twin.
        return denominator > 0 ? TensorPrimitives.Dot(query, _rows.AsSpan(i * _columns, _columns)) / denominator : 0;
    }

    private MusicTwin ToTwin(float[] query, float queryNorm, int i)
    {
        var point = _snapshot.Points[i];
        var standardized = point.Standardized!;
        double queryNormD = 0, rowNorm = 0, dot = 0;
        for (var j = 0; j < _columns; j++)
        {
            queryNormD += (double)query[j] * query[j];
            rowNorm += standardized[j] * standardized[j];
            dot += query[j] * standardized[j];
        }

        var denominator = Math.Sqrt(queryNormD) * Math.Sqrt(rowNorm);
        var because = Enumerable.Range(0, _columns)
            .Select(j => new TwinReason(_snapshot.UsedFeatures[j], denominator > 0 ? query[j] * standardized[j] / denominator : 0))
            .OrderByDescending(r => r.Contribution).ThenBy(r => r.Feature, StringComparer.Ordinal)
            .Take(3)
            .ToList();
        var similarity = denominator > 0 ? Math.Clamp(dot / denominator, -1, 1) : 0;
        return new MusicTwin(point.Id, point.Label, similarity, because);
    }
}
