using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using SpotifyDashboard.Analysis.Features;
using SpotifyDashboard.Core.Music;

namespace SpotifyDashboard.Analysis.Twins;

/// <summary>One feature's share of a twin match: z(query) × z(twin) / (‖query‖ ‖twin‖); the shares sum to the similarity.</summary>
public sealed record TwinReason(string Feature, double Contribution);

public sealed record MusicTwin(string Id, string? Label, double Similarity, IReadOnlyList<TwinReason> Because);

/// <summary>
/// The twins of one taste, each with a song of its own, and the responses whose song is the query's own: those are alike
/// by construction, so they are told apart ("also chose this song") rather than filling the twins.
/// </summary>
public sealed record TwinSearch(IReadOnlyList<MusicTwin> Twins, IReadOnlyList<string> SameSong);

/// <summary>
/// Finds the responses whose songs are most alike by cosine similarity over the standardized features
/// of a snapshot. One pass over the rows per query (O(n·d)) and a top-k selection, no n×n matrix.
/// The "because" lists the three features that add the most to the similarity.
/// Responses with identical features chose the same song: the twins are picked among different songs (the first
/// response of each song stands for it), and the query's own song is left out of them.
/// </summary>
public sealed class MusicTwinFinder
{
    private readonly AnalysisSnapshot _snapshot;
    private readonly float[] _rows;
    private readonly float[] _norms;
    private readonly Dictionary<string, int> _indexById;
    // The first row with the same standardized features: rows sharing it chose the same song.
    private readonly int[] _songOf;
    private readonly int _songCount;
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
        _songOf = new int[points.Count];
        var firstBySong = new Dictionary<string, int>(StringComparer.Ordinal);
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
            var song = Convert.ToBase64String(MemoryMarshal.AsBytes(_rows.AsSpan(i * _columns, _columns)));
            _songOf[i] = firstBySong.TryAdd(song, i) ? i : firstBySong[song];
        }

        _songCount = firstBySong.Count;
    }

    /// <summary>Twins of a response in the snapshot, among songs other than its own; null when the id is unknown.</summary>
    public TwinSearch? FindForResponse(string responseId, int k = 5)
    {
        if (!_indexById.TryGetValue(responseId, out var index))
        {
            return null;
        }

        var song = _songOf[index];
        return new TwinSearch(Find(_rows.AsSpan(index * _columns, _columns).ToArray(), k, song), SameSongAs(song, except: index));
    }

    /// <summary>
    /// Twins of any song's raw features, among the class's other songs; the class's responses with this very song are
    /// <see cref="TwinSearch.SameSong"/>. Empty when a feature is infinite.
    /// </summary>
    public TwinSearch FindForFeatures(AudioFeatures features, int k = 5)
    {
        if (Standardize(features) is not { } query)
        {
            return new TwinSearch([], []);
        }

        var song = Enumerable.Range(0, _norms.Length).FirstOrDefault(i => _songOf[i] == i && IsSameSong(query, i), -1);
        return new TwinSearch(Find(query, k, song), song < 0 ? [] : SameSongAs(song, except: -1));
    }

    /// <summary>The one closest response to a song's features, its own song included; null when there is none.</summary>
    public MusicTwin? Closest(AudioFeatures features) =>
        Standardize(features) is { } query && Find(query, 1, excludeSong: -1) is [var closest] ? closest : null;

    private float[]? Standardize(AudioFeatures features)
    {
        var standardized = new double[_columns];
        return _scaler.TryStandardize(FeatureScaler.RawVector(features), standardized) ? Array.ConvertAll(standardized, v => (float)v) : null;
    }

    // Standardized in another order of operations than the snapshot's rows, the same song can differ in the last bits.
    private bool IsSameSong(float[] query, int i)
    {
        var row = _rows.AsSpan(i * _columns, _columns);
        return TensorPrimitives.Distance(query, row) < 1e-4f;
    }

    private List<string> SameSongAs(int song, int except) =>
        [.. Enumerable.Range(0, _songOf.Length).Where(i => _songOf[i] == song && i != except).Select(i => _snapshot.Points[i].Id)];

    private List<MusicTwin> Find(float[] query, int k, int excludeSong)
    {
        k = Math.Clamp(k, 0, _songCount - (excludeSong >= 0 ? 1 : 0));
        if (k == 0 || _columns == 0)
        {
            return [];
        }

        var queryNorm = TensorPrimitives.Norm(query);
        // A bounded heap keyed by (similarity, -index): the smallest of the best k sits on top and is evicted first.
        var best = new PriorityQueue<int, (float Similarity, int NegIndex)>(k + 1);
        for (var i = 0; i < _norms.Length; i++)
        {
            if (_songOf[i] != i || i == excludeSong)
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
