using System.Globalization;
using SpotifyDashboard.Core.Contracts.Dashboard;
using SpotifyDashboard.Core.Music;

namespace SpotifyDashboard.Analysis.Features;

/// <summary>The outcome of cleaning the input: the scaler, the standardized matrix and what was left out and why.</summary>
public sealed record PreparedFeatures(
    FeatureScaler Scaler,
    FeatureMatrix Matrix,
    IReadOnlyList<FeatureStandardization> Standardization,
    IReadOnlyList<(int Row, string Reason)> ExcludedRows,
    IReadOnlyList<string> Warnings);

/// <summary>
/// Cleans raw feature vectors, in this order:
/// 1. a row with an infinite value is excluded (corrupt, not missing);
/// 2. a feature missing in every remaining row is excluded (e.g. time_signature from ReccoBeats or the songs CSV);
/// 3. a row missing more than half of the remaining features is excluded (too little left to place it);
/// 4. other missing values are imputed with the column median (reported per feature);
/// 5. a feature with zero variance is excluded (it cannot be standardized and carries no information);
/// 6. the rest is standardized with the population standard deviation, as scikit-learn's StandardScaler.
/// </summary>
public static class FeaturePreparation
{
    public static PreparedFeatures Prepare(IReadOnlyList<double[]> rawRows)
    {
        var featureCount = AudioFeatures.Names.Count;
        var excluded = new List<(int Row, string Reason)>();
        var warnings = new List<string>();
        var notes = new string?[featureCount];

        var candidates = new List<int>(rawRows.Count);
        for (var i = 0; i < rawRows.Count; i++)
        {
            var infinite = Array.FindIndex(rawRows[i], double.IsInfinity);
            if (infinite >= 0)
            {
                excluded.Add((i, $"infinite value in {AudioFeatures.Names[infinite]}"));
            }
            else
            {
                candidates.Add(i);
            }
        }

        var present = Enumerable.Range(0, featureCount).Select(j => candidates.Count(i => !double.IsNaN(rawRows[i][j]))).ToArray();

        var columns = Enumerable.Range(0, featureCount).Where(j => present[j] > 0).ToList();
        foreach (var j in Enumerable.Range(0, featureCount).Where(j => present[j] == 0))
        {
            notes[j] = "missing in every row: excluded";
            if (candidates.Count > 0)
            {
                warnings.Add($"Feature {AudioFeatures.Names[j]} is missing in every row and was left out.");
            }
        }

        var kept = new List<int>(candidates.Count);
        foreach (var i in candidates)
        {
            var missing = columns.Count(j => double.IsNaN(rawRows[i][j]));
            if (columns.Count == 0 || missing * 2 > columns.Count)
            {
                excluded.Add((i, $"{missing} of {columns.Count} features missing"));
            }
            else
            {
                kept.Add(i);
            }
        }

        var medians = new double[featureCount];
        var missingCounts = new int[featureCount];
        foreach (var j in columns)
        {
            var values = kept.Select(i => rawRows[i][j]).Where(v => !double.IsNaN(v)).ToArray();
            missingCounts[j] = kept.Count - values.Length;
            medians[j] = values.Length == 0 ? double.NaN : Median(values);
            if (missingCounts[j] > 0 && values.Length > 0)
            {
                var median = medians[j].ToString("G6", CultureInfo.InvariantCulture);
                notes[j] = $"missing in {missingCounts[j]} rows: imputed with the median {median}";
                warnings.Add($"Feature {AudioFeatures.Names[j]} was missing in {missingCounts[j]} rows and imputed with the median {median}.");
            }
        }

        var means = new double[featureCount];
        var stds = new double[featureCount];
        var used = new List<int>();
        foreach (var j in columns)
        {
            if (double.IsNaN(medians[j]))
            {
                notes[j] = "missing in every kept row: excluded";
                continue;
            }

            var mean = kept.Sum(i => Value(rawRows[i], j, medians)) / kept.Count;
            var std = Math.Sqrt(kept.Sum(i => Square(Value(rawRows[i], j, medians) - mean)) / kept.Count);
            means[j] = mean;
            stds[j] = std;
            // Relative threshold: a column of equal values can show rounding noise around its mean.
            if (!(std > 1e-12 * Math.Max(1, Math.Abs(mean))))
            {
                notes[j] = "the same value in every row: excluded";
                if (kept.Count > 1)
                {
                    warnings.Add($"Feature {AudioFeatures.Names[j]} has the same value in every row and was left out.");
                }

                continue;
            }

            used.Add(j);
        }

        var usedColumns = used.ToArray();
        var scaler = new FeatureScaler(
            usedColumns,
            [.. usedColumns.Select(j => medians[j])],
            [.. usedColumns.Select(j => means[j])],
            [.. usedColumns.Select(j => stds[j])]);

        var matrix = new double[kept.Count * usedColumns.Length];
        for (var r = 0; r < kept.Count; r++)
        {
            scaler.TryStandardize(rawRows[kept[r]], matrix.AsSpan(r * usedColumns.Length, usedColumns.Length));
        }

        if (usedColumns.Length == 0 && kept.Count > 0)
        {
            warnings.Add("No feature varies across the rows: nothing to analyse.");
        }

        var standardization = Enumerable.Range(0, featureCount).Select(j =>
        {
            var isUsed = used.Contains(j);
            return new FeatureStandardization(
                AudioFeatures.Names[j],
                isUsed,
                isUsed ? means[j] : null,
                isUsed ? stds[j] : null,
                isUsed ? medians[j] : null,
                missingCounts[j] + (present[j] == 0 ? kept.Count : 0),
                notes[j]);
        }).ToList();

        return new PreparedFeatures(scaler, new FeatureMatrix(matrix, kept.Count, usedColumns, [.. kept]), standardization, excluded, warnings);
    }

    private static double Value(double[] row, int j, double[] medians) => double.IsNaN(row[j]) ? medians[j] : row[j];

    private static double Square(double d) => d * d;

    private static double Median(double[] values)
    {
        Array.Sort(values);
        var mid = values.Length / 2;
        return values.Length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
