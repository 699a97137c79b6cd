namespace SpotifyDashboard.Analysis.Clustering;

/// <summary>
/// Mean silhouette coefficient (Euclidean), as scikit-learn's <c>silhouette_score</c>. It is O(n²), so
/// above <c>sampleSize</c> rows it is computed on a seeded random sample of that size (scikit-learn's
/// <c>sample_size</c> does the same). A row alone in its cluster scores 0.
/// </summary>
public static class Silhouette
{
    public static double? Score(ReadOnlySpan<double> data, int rows, int columns, int[] assignments, int k, int sampleSize, int seed)
    {
        if (k < 2 || rows < 3 || k >= rows)
        {
            return null;
        }

        var sample = Enumerable.Range(0, rows).ToArray();
        if (rows > sampleSize)
        {
            new Random(seed).Shuffle(sample);
            sample = sample[..sampleSize];
            Array.Sort(sample);
        }

        var labelsInSample = sample.Select(i => assignments[i]).Distinct().Count();
        if (labelsInSample < 2)
        {
            return null;
        }

        var sizes = new int[k];
        foreach (var i in sample)
        {
            sizes[assignments[i]]++;
        }

        var sumsToCluster = new double[k];
        double total = 0;
        foreach (var i in sample)
        {
            Array.Clear(sumsToCluster);
            var row = data.Slice(i * columns, columns);
            foreach (var j in sample)
            {
                if (j != i)
                {
                    sumsToCluster[assignments[j]] += Math.Sqrt(KMeansClusterer.SquaredDistance(row, data.Slice(j * columns, columns)));
                }
            }

            var own = assignments[i];
            if (sizes[own] <= 1)
            {
                continue;
            }

            var a = sumsToCluster[own] / (sizes[own] - 1);
            var b = double.MaxValue;
            for (var c = 0; c < k; c++)
            {
                if (c != own && sizes[c] > 0)
                {
                    b = Math.Min(b, sumsToCluster[c] / sizes[c]);
                }
            }

            var denominator = Math.Max(a, b);
            total += denominator > 0 ? (b - a) / denominator : 0;
        }

        return total / sample.Length;
    }
}
