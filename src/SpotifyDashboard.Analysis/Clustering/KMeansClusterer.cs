using System.Numerics;

namespace SpotifyDashboard.Analysis.Clustering;

/// <summary>The best of the restarts. Inertia is scikit-learn's: the sum of squared distances of the rows to their centroid.</summary>
public sealed record KMeansResult(int K, double[] Centroids, int[] Assignments, double Inertia, int Iterations);

/// <summary>
/// k-means with greedy k-means++ seeding (scikit-learn's: 2 + ⌊ln k⌋ candidates per centre) and a Lloyd
/// loop of our own. Distances run on float vectors padded to the SIMD width (System.Numerics.Vector);
/// centroids and inertia are accumulated in double. Restarts run in parallel, each from its own seeded
/// <see cref="Random"/>, and the lowest inertia wins (ties: the lowest restart index), so the result only
/// depends on the data, k, the restarts and the seed. It runs about twice as fast as ML.NET's KMeansPlusPlus trainer
/// at equal inertia (`analyze-kmeans`, docs/benchmarks/analyze.md).
/// </summary>
public static class KMeansClusterer
{
    private const int MaxIterations = 300;
    private const double Tolerance = 1e-4;

    public static KMeansResult Fit(ReadOnlySpan<double> data, int rows, int columns, int k, int restarts, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, Math.Max(rows, 1));
        if (rows == 0)
        {
            return new KMeansResult(k, new double[k * columns], [], 0, 0);
        }

        var packed = PackedRows.From(data, rows, columns);
        // scikit-learn's tolerance is relative to the mean feature variance of the data.
        var tolerance = Tolerance * MeanVariance(data, rows, columns);
        var results = new KMeansResult[restarts];
        Parallel.For(0, restarts, r =>
        {
            var random = new Random(unchecked(seed * 7_919 + r * 104_729 + 1));
            results[r] = RunOnce(packed, packed.Original, k, random, tolerance);
        });

        return results.MinBy(r => r.Inertia)!;
    }

    private static KMeansResult RunOnce(PackedRows rows, double[] original, int k, Random random, double tolerance)
    {
        var n = rows.Count;
        var d = rows.Columns;
        var stride = rows.Stride;
        var centroids = new float[k * stride];
        SeedPlusPlus(rows, centroids, k, random);

        var assignments = new int[n];
        var sums = new double[k * d];
        var counts = new int[k];
        var closest = new float[n];
        var iterations = 0;
        for (; iterations < MaxIterations; iterations++)
        {
            var changed = Assign(rows, centroids, k, assignments, closest, iterations == 0);
            Array.Clear(sums);
            Array.Clear(counts);
            for (var i = 0; i < n; i++)
            {
                var c = assignments[i];
                counts[c]++;
                var row = original.AsSpan(i * d, d);
                var sum = sums.AsSpan(c * d, d);
                for (var a = 0; a < d; a++)
                {
                    sum[a] += row[a];
                }
            }

            RelocateEmptyClusters(rows, original, assignments, closest, counts, sums, k);

            double shift = 0;
            for (var c = 0; c < k; c++)
            {
                for (var a = 0; a < d; a++)
                {
                    var updated = (float)(sums[c * d + a] / counts[c]);
                    var delta = updated - centroids[c * stride + a];
                    shift += delta * delta;
                    centroids[c * stride + a] = updated;
                }
            }

            if ((!changed && iterations > 0) || shift <= tolerance)
            {
                iterations++;
                break;
            }
        }

        // Final assignment and inertia in double against the final centroids, as scikit-learn reports them.
        var centres = new double[k * d];
        for (var i = 0; i < k * d; i++)
        {
            centres[i] = centroids[i / d * stride + i % d];
        }

        var inertia = AssignExact(original, n, d, centres, k, assignments);
        return new KMeansResult(k, centres, assignments, inertia, iterations);
    }

    /// <summary>Nearest centroid per row in double; returns the inertia.</summary>
    public static double AssignExact(ReadOnlySpan<double> data, int rows, int columns, ReadOnlySpan<double> centres, int k, Span<int> assignments)
    {
        double inertia = 0;
        for (var i = 0; i < rows; i++)
        {
            var row = data.Slice(i * columns, columns);
            var best = double.MaxValue;
            var bestIndex = 0;
            for (var c = 0; c < k; c++)
            {
                var distance = SquaredDistance(row, centres.Slice(c * columns, columns));
                if (distance < best)
                {
                    best = distance;
                    bestIndex = c;
                }
            }

            assignments[i] = bestIndex;
            inertia += best;
        }

        return inertia;
    }

    public static double SquaredDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var d = a[i] - b[i];
            sum += d * d;
        }

        return sum;
    }

    private static bool Assign(PackedRows rows, float[] centroids, int k, int[] assignments, float[] closest, bool first)
    {
        var changed = false;
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows.Row(i);
            var best = float.MaxValue;
            var bestIndex = 0;
            for (var c = 0; c < k; c++)
            {
                var distance = SquaredDistance(row, centroids.AsSpan(c * rows.Stride, rows.Stride));
                if (distance < best)
                {
                    best = distance;
                    bestIndex = c;
                }
            }

            changed |= first || assignments[i] != bestIndex;
            assignments[i] = bestIndex;
            closest[i] = best;
        }

        return changed;
    }

    /// <summary>An empty cluster takes the row farthest from its centroid (as scikit-learn does), so k clusters survive.</summary>
    private static void RelocateEmptyClusters(PackedRows rows, double[] original, int[] assignments, float[] closest, int[] counts, double[] sums, int k)
    {
        var d = rows.Columns;
        for (var c = 0; c < k; c++)
        {
            if (counts[c] > 0)
            {
                continue;
            }

            var far = -1;
            for (var i = 0; i < rows.Count; i++)
            {
                if (counts[assignments[i]] > 1 && (far < 0 || closest[i] > closest[far]))
                {
                    far = i;
                }
            }

            if (far < 0)
            {
                // Fewer distinct rows than clusters: keep the centroid where it is (an empty cluster has no inertia).
                counts[c] = 1;
                continue;
            }

            var from = assignments[far];
            for (var a = 0; a < d; a++)
            {
                var value = original[far * d + a];
                sums[from * d + a] -= value;
                sums[c * d + a] = value;
            }

            counts[from]--;
            counts[c] = 1;
            assignments[far] = c;
            closest[far] = 0;
        }
    }

    private static void SeedPlusPlus(PackedRows rows, float[] centroids, int k, Random random)
    {
        var n = rows.Count;
        var stride = rows.Stride;
        var trials = 2 + (int)Math.Log(k);
        var first = random.Next(n);
        rows.Row(first).CopyTo(centroids.AsSpan(0, stride));

        var closest = new double[n];
        var total = 0.0;
        for (var i = 0; i < n; i++)
        {
            closest[i] = SquaredDistance(rows.Row(i), centroids.AsSpan(0, stride));
            total += closest[i];
        }

        var candidateDistances = new double[n];
        var bestDistances = new double[n];
        for (var c = 1; c < k; c++)
        {
            var bestCandidate = -1;
            var bestTotal = double.MaxValue;
            for (var t = 0; t < trials; t++)
            {
                var candidate = total > 0 ? Sample(closest, total, random) : random.Next(n);
                var candidateRow = rows.Row(candidate);
                var candidateTotal = 0.0;
                for (var i = 0; i < n; i++)
                {
                    candidateDistances[i] = Math.Min(closest[i], SquaredDistance(rows.Row(i), candidateRow));
                    candidateTotal += candidateDistances[i];
                }

                if (candidateTotal < bestTotal)
                {
                    bestTotal = candidateTotal;
                    bestCandidate = candidate;
                    Array.Copy(candidateDistances, bestDistances, n);
                }
            }

            rows.Row(bestCandidate).CopyTo(centroids.AsSpan(c * stride, stride));
            Array.Copy(bestDistances, closest, n);
            total = bestTotal;
        }
    }

    private static int Sample(double[] weights, double total, Random random)
    {
        var target = random.NextDouble() * total;
        var cumulative = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            cumulative += weights[i];
            if (target < cumulative)
            {
                return i;
            }
        }

        return Array.FindLastIndex(weights, w => w > 0);
    }

    private static float SquaredDistance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var width = Vector<float>.Count;
        var acc = Vector<float>.Zero;
        for (var i = 0; i < a.Length; i += width)
        {
            var diff = new Vector<float>(a[i..]) - new Vector<float>(b[i..]);
            acc += diff * diff;
        }

        return Vector.Sum(acc);
    }

    private static double MeanVariance(ReadOnlySpan<double> data, int rows, int columns)
    {
        double total = 0;
        for (var a = 0; a < columns; a++)
        {
            double sum = 0, squares = 0;
            for (var i = 0; i < rows; i++)
            {
                var x = data[i * columns + a];
                sum += x;
                squares += x * x;
            }

            var mean = sum / rows;
            total += Math.Max(squares / rows - mean * mean, 0);
        }

        return columns == 0 ? 0 : total / columns;
    }

    /// <summary>Rows as floats, each padded with zeros to a multiple of the SIMD width.</summary>
    private sealed record PackedRows(float[] Values, double[] Original, int Count, int Columns, int Stride)
    {
        public ReadOnlySpan<float> Row(int i) => Values.AsSpan(i * Stride, Stride);

        public static PackedRows From(ReadOnlySpan<double> data, int rows, int columns)
        {
            var width = Vector<float>.Count;
            var stride = Math.Max(width, (columns + width - 1) / width * width);
            var values = new float[rows * stride];
            for (var i = 0; i < rows; i++)
            {
                for (var a = 0; a < columns; a++)
                {
                    values[i * stride + a] = (float)data[i * columns + a];
                }
            }

            return new PackedRows(values, data.ToArray(), rows, columns, stride);
        }
    }
}
