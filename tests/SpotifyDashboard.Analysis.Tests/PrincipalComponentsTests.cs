using SpotifyDashboard.Analysis.Reduction;

namespace SpotifyDashboard.Analysis.Tests;

public class PrincipalComponentsTests
{
    [Fact]
    public void DataOnAPlaneNeedsOnlyTwoComponents()
    {
        // Five features that are all combinations of two hidden factors.
        var random = new Random(3);
        const int rows = 200, columns = 5;
        var data = new double[rows * columns];
        for (var i = 0; i < rows; i++)
        {
            var a = TestData.Normal(random);
            var b = TestData.Normal(random);
            double[] row = [a, b, a + b, 2 * a - b, 0.5 * a + 3 * b];
            row.CopyTo(data, i * columns);
        }

        Center(data, rows, columns);
        var pca = PrincipalComponents.Fit(data, rows, columns);

        Assert.Equal(1.0, pca.ExplainedVarianceRatio[0] + pca.ExplainedVarianceRatio[1], 9);
        Assert.Equal(0.0, pca.ExplainedVarianceRatio[2], 9);
        Assert.True(pca.ExplainedVarianceRatio[0] >= pca.ExplainedVarianceRatio[1]);
    }

    [Fact]
    public void FindsTheKnownAxesOfIndependentColumns()
    {
        // Independent columns with variances 9, 4, 1: the components are the axes themselves.
        var random = new Random(5);
        const int rows = 20_000, columns = 3;
        var data = new double[rows * columns];
        for (var i = 0; i < rows; i++)
        {
            data[i * 3] = 3 * TestData.Normal(random);
            data[i * 3 + 1] = 2 * TestData.Normal(random);
            data[i * 3 + 2] = TestData.Normal(random);
        }

        Center(data, rows, columns);
        var pca = PrincipalComponents.Fit(data, rows, columns);

        Assert.Equal(9.0 / 14, pca.ExplainedVarianceRatio[0], 2);
        Assert.Equal(4.0 / 14, pca.ExplainedVarianceRatio[1], 2);
        Assert.Equal(1.0, Math.Abs(pca.Components[0][0]), 2);
        Assert.Equal(1.0, Math.Abs(pca.Components[1][1]), 2);
        Assert.True(pca.Components[0][0] > 0, "the largest loading of a component is made positive");
    }

    private static void Center(double[] data, int rows, int columns)
    {
        for (var j = 0; j < columns; j++)
        {
            double mean = 0;
            for (var i = 0; i < rows; i++)
            {
                mean += data[i * columns + j] / rows;
            }

            for (var i = 0; i < rows; i++)
            {
                data[i * columns + j] -= mean;
            }
        }
    }
}
