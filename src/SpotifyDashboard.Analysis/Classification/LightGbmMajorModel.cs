using System.IO.Compression;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;

namespace SpotifyDashboard.Analysis.Classification;

/// <summary>
/// The ML.NET side of the major predictor: the major mapped to a key (sorted by value), then LightGbm
/// multiclass with per-row weights. Single-threaded per model so that a fit is bit-for-bit repeatable; the
/// cross-validation folds run in parallel instead.
/// </summary>
internal static class LightGbmMajorModel
{
    private static readonly DateTimeOffset FixedZipTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static ITransformer Train(MLContext context, IReadOnlyList<float[]> features, IReadOnlyList<string> labels, IReadOnlyList<float> weights, int iterations, int leaves)
    {
        var rows = Enumerable.Range(0, features.Count)
            .Select(i => new TrainingRow { Features = features[i], Major = labels[i], Weight = weights[i] });
        var schema = SchemaDefinition.Create(typeof(TrainingRow));
        schema[nameof(TrainingRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, features[0].Length);
        var data = context.Data.LoadFromEnumerable(rows, schema);

        var pipeline = context.Transforms.Conversion.MapValueToKey(LabelColumn, nameof(TrainingRow.Major), keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Append(context.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options
            {
                LabelColumnName = LabelColumn,
                FeatureColumnName = nameof(TrainingRow.Features),
                ExampleWeightColumnName = nameof(TrainingRow.Weight),
                NumberOfIterations = iterations,
                NumberOfLeaves = leaves,
                LearningRate = 0.1,
                MinimumExampleCountPerLeaf = Math.Clamp(features.Count / 100, 2, 20),
                MaximumBinCountPerFeature = 63,
                NumberOfThreads = 1,
                Seed = 1,
                Silent = true,
                UseSoftmax = true,
                EvaluationMetric = LightGbmMulticlassTrainer.Options.EvaluateMetricType.None,
            }));

        // Keep only the predictor: it needs no label column to score, and it remembers the label's key values as Score slot names.
        return pipeline.Fit(data).LastTransformer;
    }

    /// <summary>The class of each Score slot, read from the model itself (the label key's values).</summary>
    public static string[] ScoreClasses(MLContext context, ITransformer model, int dimensions)
    {
        var schema = model.GetOutputSchema(ScoringData(context, [], dimensions).Schema);
        VBuffer<ReadOnlyMemory<char>> names = default;
        schema["Score"].GetSlotNames(ref names);
        return [.. names.DenseValues().Select(n => n.ToString())];
    }

    /// <summary>Class probabilities per row, in the model's slot order (<see cref="ScoreClasses"/>).</summary>
    public static float[][] Score(MLContext context, ITransformer model, IReadOnlyList<float[]> features, int dimensions)
    {
        var scored = model.Transform(ScoringData(context, features, dimensions));
        return [.. context.Data.CreateEnumerable<ScoreRow>(scored, reuseRowObject: false).Select(r => r.Score)];
    }

    /// <summary>The model zip with every entry time fixed, so equal models give equal bytes.</summary>
    public static byte[] Save(MLContext context, ITransformer model, int dimensions)
    {
        using var saved = new MemoryStream();
        context.Model.Save(model, ScoringData(context, [new float[dimensions]], dimensions).Schema, saved);
        saved.Position = 0;

        using var normalized = new MemoryStream();
        using (var source = new ZipArchive(saved, ZipArchiveMode.Read))
        using (var target = new ZipArchive(normalized, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                var copy = target.CreateEntry(entry.FullName, CompressionLevel.Optimal);
                copy.LastWriteTime = FixedZipTime;
                using var from = entry.Open();
                using var to = copy.Open();
                from.CopyTo(to);
            }
        }

        return normalized.ToArray();
    }

    public static ITransformer Load(MLContext context, byte[] bytes)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        return context.Model.Load(stream, out _);
    }

    private static IDataView ScoringData(MLContext context, IReadOnlyList<float[]> features, int dimensions)
    {
        var schema = SchemaDefinition.Create(typeof(ScoringRow));
        schema[nameof(ScoringRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimensions);
        return context.Data.LoadFromEnumerable(features.Select(f => new ScoringRow { Features = f }), schema);
    }

    private const string LabelColumn = "Label";

    private sealed class TrainingRow
    {
        public float[] Features { get; set; } = [];

        public string Major { get; set; } = "";

        public float Weight { get; set; }
    }

    private sealed class ScoringRow
    {
        public float[] Features { get; set; } = [];
    }

    private sealed class ScoreRow
    {
        public float[] Score { get; set; } = [];
    }
}
