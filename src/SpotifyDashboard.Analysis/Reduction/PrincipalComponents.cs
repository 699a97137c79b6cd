namespace SpotifyDashboard.Analysis.Reduction;

/// <summary>The fitted PCA: components (unit vectors, largest variance first) and their share of the total variance.</summary>
public sealed record PcaResult(double[][] Components, double[] ExplainedVarianceRatio, double[] Coordinates, int Dimensions);

/// <summary>
/// Exact PCA: the eigen-decomposition (cyclic Jacobi) of the d×d covariance of centred data.
/// With d ≤ 13 this costs n·d² for the covariance and microseconds for the eigenvectors, and it
/// gives the eigenvalues that ML.NET's randomized PCA does not expose. Signs are fixed so that
/// each component's largest-magnitude loading is positive (deterministic, like scikit-learn's svd_flip up to sign).
/// </summary>
public static class PrincipalComponents
{
    /// <param name="data">Row-major n×d, already centred (standardized data is).</param>
    /// <param name="dimensions">Components kept; coordinates beyond the rank of the data are 0.</param>
    public static PcaResult Fit(ReadOnlySpan<double> data, int rows, int columns, int dimensions = 3)
    {
        var covariance = new double[columns, columns];
        for (var i = 0; i < rows; i++)
        {
            var row = data.Slice(i * columns, columns);
            for (var a = 0; a < columns; a++)
            {
                var xa = row[a];
                for (var b = a; b < columns; b++)
                {
                    covariance[a, b] += xa * row[b];
                }
            }
        }

        for (var a = 0; a < columns; a++)
        {
            for (var b = a; b < columns; b++)
            {
                covariance[a, b] /= Math.Max(rows, 1);
                covariance[b, a] = covariance[a, b];
            }
        }

        var (values, vectors) = JacobiEigen(covariance, columns);
        var order = Enumerable.Range(0, columns).OrderByDescending(i => values[i]).ThenBy(i => i).ToArray();
        var trace = values.Sum(v => Math.Max(v, 0));

        var components = new double[dimensions][];
        var ratios = new double[dimensions];
        for (var c = 0; c < dimensions; c++)
        {
            components[c] = new double[columns];
            if (c >= columns)
            {
                continue;
            }

            var index = order[c];
            var largest = 0;
            for (var a = 0; a < columns; a++)
            {
                components[c][a] = vectors[a, index];
                if (Math.Abs(vectors[a, index]) > Math.Abs(vectors[largest, index]) + 1e-12)
                {
                    largest = a;
                }
            }

            if (components[c][largest] < 0)
            {
                for (var a = 0; a < columns; a++)
                {
                    components[c][a] = -components[c][a];
                }
            }

            ratios[c] = trace > 0 ? Math.Max(values[index], 0) / trace : 0;
        }

        var coordinates = new double[rows * dimensions];
        for (var i = 0; i < rows; i++)
        {
            Project(data.Slice(i * columns, columns), components, coordinates.AsSpan(i * dimensions, dimensions));
        }

        return new PcaResult(components, ratios, coordinates, dimensions);
    }

    public static void Project(ReadOnlySpan<double> row, double[][] components, Span<double> destination)
    {
        for (var c = 0; c < components.Length; c++)
        {
            double sum = 0;
            for (var a = 0; a < row.Length; a++)
            {
                sum += row[a] * components[c][a];
            }

            destination[c] = sum;
        }
    }

    private static (double[] Values, double[,] Vectors) JacobiEigen(double[,] matrix, int n)
    {
        var a = (double[,])matrix.Clone();
        var v = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            v[i, i] = 1;
        }

        for (var sweep = 0; sweep < 100; sweep++)
        {
            double off = 0;
            for (var p = 0; p < n; p++)
            {
                for (var q = p + 1; q < n; q++)
                {
                    off += a[p, q] * a[p, q];
                }
            }

            if (off < 1e-30)
            {
                break;
            }

            for (var p = 0; p < n; p++)
            {
                for (var q = p + 1; q < n; q++)
                {
                    if (Math.Abs(a[p, q]) < 1e-300)
                    {
                        continue;
                    }

                    var theta = (a[q, q] - a[p, p]) / (2 * a[p, q]);
                    var t = Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                    if (theta == 0)
                    {
                        t = 1;
                    }

                    var c = 1 / Math.Sqrt(t * t + 1);
                    var s = t * c;
                    for (var k = 0; k < n; k++)
                    {
                        var akp = a[k, p];
                        var akq = a[k, q];
                        a[k, p] = c * akp - s * akq;
                        a[k, q] = s * akp + c * akq;
                    }

                    for (var k = 0; k < n; k++)
                    {
                        var apk = a[p, k];
                        var aqk = a[q, k];
                        a[p, k] = c * apk - s * aqk;
                        a[q, k] = s * apk + c * aqk;
                    }

                    for (var k = 0; k < n; k++)
                    {
                        var vkp = v[k, p];
                        var vkq = v[k, q];
                        v[k, p] = c * vkp - s * vkq;
                        v[k, q] = s * vkp + c * vkq;
                    }
                }
            }
        }

        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = a[i, i];
        }

        return (values, v);
    }
}
