using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using SpotifyDashboard.Analysis.Clustering;
using SpotifyDashboard.Analysis.Features;

namespace SpotifyDashboard.Bench.Commands;

/// <summary>
/// <c>analyze-kmeans</c>: the measurement behind the choice of k-means implementation. Our Lloyd loop and
/// ML.NET's KMeansPlusPlus trainer, both with the same number of restarts on the same standardized rows,
/// timed and compared by inertia (computed the same way for both, in double).
/// </summary>
public sealed class AnalyzeKMeansCommand : IBenchCommand
{
    public string Name => "analyze-kmeans";

    public string Usage => "<csv> [k=6] [restarts=10] [rounds=3]";

    public Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine($"usage: analyze-kmeans {Usage}");
            return Task.FromResult(2);
        }

        var k = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 6;
        var restarts = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10;
        var rounds = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 3;
        var rows = AnalyzeCsvReader.Read(args[0], null);
        var m = FeaturePreparation.Prepare([.. rows.Select(r => FeatureScaler.RawVector(r.Features))]).Matrix;
        var vectors = Enumerable.Range(0, m.RowCount).Select(i => new VectorRow { Features = Array.ConvertAll(m.Row(i).ToArray(), v => (float)v) }).ToArray();

        for (var round = 0; round < rounds; round++)
        {
            var watch = Stopwatch.StartNew();
            var own = KMeansClusterer.Fit(m.Values, m.RowCount, m.ColumnCount, k, restarts, seed: 42);
            var ownMs = watch.Elapsed.TotalMilliseconds;

            watch.Restart();
            var inertias = new double[restarts];
            // ML.NET has no seed or restart option: one context per restart, in parallel (its threads are capped at half the cores).
            Parallel.For(0, restarts, r => inertias[r] = MlNetInertia(vectors, m, k, seed: 42 + r));
            var mlNetMs = watch.Elapsed.TotalMilliseconds;

            Console.WriteLine($"{{\"round\":{round},\"ownMs\":{ownMs:F0},\"ownInertiaPerRow\":{own.Inertia / m.RowCount:F5},\"mlNetMs\":{mlNetMs:F0},\"mlNetInertiaPerRow\":{inertias.Min() / m.RowCount:F5}}}");
        }

        return Task.FromResult(0);
    }

    private static double MlNetInertia(VectorRow[] vectors, FeatureMatrix m, int k, int seed)
    {
        var context = new MLContext(seed);
        var schema = SchemaDefinition.Create(typeof(VectorRow));
        schema[nameof(VectorRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, m.ColumnCount);
        var data = context.Data.LoadFromEnumerable(vectors, schema);
        var model = context.Clustering.Trainers.KMeans(new KMeansTrainer.Options
        {
            NumberOfClusters = k,
            InitializationAlgorithm = KMeansTrainer.InitializationAlgorithm.KMeansPlusPlus,
            NumberOfThreads = 1,
        }).Fit(data);

        VBuffer<float>[] centroids = [];
        model.Model.GetClusterCentroids(ref centroids, out var count);
        var centres = new double[count * m.ColumnCount];
        for (var c = 0; c < count; c++)
        {
            var dense = centroids[c].DenseValues().ToArray();
            for (var j = 0; j < m.ColumnCount; j++)
            {
                centres[c * m.ColumnCount + j] = dense[j];
            }
        }

        return KMeansClusterer.AssignExact(m.Values, m.RowCount, m.ColumnCount, centres, count, new int[m.RowCount]);
    }

    private sealed class VectorRow
    {
        public float[] Features { get; set; } = [];
    }
}
