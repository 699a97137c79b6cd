using SpotifyDashboard.Core.Music;

namespace SpotifyDashboard.Analysis.Features;

/// <summary>
/// Turns raw feature vectors into standardized ones with parameters learnt from the training rows.
/// All 13 features are numeric columns: key (pitch class 0..11) and mode (0/1) are used as numbers,
/// as scikit-learn pipelines on this data do; key −1 ("no key detected") counts as missing.
/// A missing value (NaN) is replaced by its column's median over the rows that have it.
/// </summary>
public sealed class FeatureScaler(int[] usedColumns, double[] imputation, double[] means, double[] stds)
{
    public int[] UsedColumns { get; } = usedColumns;

    /// <summary>Raw vector of 13 in <c>AudioFeatures.Names</c> order, with key −1 mapped to NaN.</summary>
    public static double[] RawVector(AudioFeatures features)
    {
        var raw = features.ToVector();
        if (raw[KeyIndex] < 0)
        {
            raw[KeyIndex] = double.NaN;
        }

        return raw;
    }

    public static int KeyIndex { get; } = IndexOf("key");

    public static int IndexOf(string feature) =>
        AudioFeatures.Names.Select((n, i) => (n, i)).Single(p => p.n == feature).i;

    /// <summary>Standardizes one raw vector (13 values). Returns false when a used value is infinite.</summary>
    public bool TryStandardize(ReadOnlySpan<double> raw, Span<double> destination)
    {
        for (var j = 0; j < UsedColumns.Length; j++)
        {
            var x = raw[UsedColumns[j]];
            if (double.IsInfinity(x))
            {
                return false;
            }

            if (double.IsNaN(x))
            {
                x = imputation[j];
            }

            destination[j] = (x - means[j]) / stds[j];
        }

        return true;
    }

    public double Mean(int column) => means[column];

    public double Std(int column) => stds[column];

    /// <summary>Rebuilds the scaler from a snapshot's standardization table.</summary>
    public static FeatureScaler FromSnapshot(AnalysisSnapshot snapshot)
    {
        var used = snapshot.Standardization.Select((s, i) => (s, i)).Where(p => p.s.Used).ToArray();
        return new FeatureScaler(
            [.. used.Select(p => IndexOf(p.s.Feature))],
            [.. used.Select(p => p.s.ImputedWith ?? 0)],
            [.. used.Select(p => p.s.Mean ?? 0)],
            [.. used.Select(p => p.s.Std ?? 1)]);
    }
}
