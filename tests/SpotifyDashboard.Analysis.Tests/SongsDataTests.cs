using SpotifyDashboard.Analysis.Clustering;
using SpotifyDashboard.Analysis.Features;
using SpotifyDashboard.Analysis.Reduction;

namespace SpotifyDashboard.Analysis.Tests;

/// <summary>Known answers from scikit-learn 1.2 on the real songs (bench/scripts/sklearn_baseline.py).</summary>
public class SongsDataTests
{
    [SongsDataFact]
    public void MatchesScikitLearnOnTheRealSongs()
    {
        var raw = File.ReadLines(SongsDataFactAttribute.TrainFile).Skip(1).Select(ParseFeatures).ToList();

        var prepared = FeaturePreparation.Prepare(raw);
        var m = prepared.Matrix;
        var pca = PrincipalComponents.Fit(m.Values, m.RowCount, m.ColumnCount);
        var kmeans = KMeansClusterer.Fit(m.Values, m.RowCount, m.ColumnCount, k: 6, restarts: 10, seed: 42);

        Assert.Equal(21_969, m.RowCount);
        Assert.Equal([0.1805, 0.1298, 0.0991], pca.ExplainedVarianceRatio.Select(v => Math.Round(v, 4)));
        Assert.InRange(kmeans.Inertia / m.RowCount, 8.1241 * 0.99, 8.1241 * 1.01);
    }

    /// <summary>The feature columns (8..19) of a row; quoted text fields before them may hold commas, so count from the end.</summary>
    private static double[] ParseFeatures(string line)
    {
        var cells = line.Split(',');
        var numbers = cells[^12..].Select(c => double.Parse(c, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var vector = new double[13];
        numbers.CopyTo(vector, 0);
        vector[12] = double.NaN;
        return vector;
    }
}
