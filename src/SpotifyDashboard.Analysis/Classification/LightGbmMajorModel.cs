using System.IO.Compression;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;

namespace SpotifyDashboard.Analysis.Classification;

/// <summary>
/// The ML.NET side of the major predictor: the major as a key (classes sorted ordinally), then LightGbm
/// multiclass with per-row weights. Single-threaded per model so that a fit is bit-for-bit repeatable; the
/// cross-validation folds run in parallel instead.
/// </summary>
internal static class LightGbmMajorModel
{
    private static readonly DateTimeOffset FixedZipTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static ITransformer Train(MLContext context, IReadOnlyList<float[]> features, IReadOnlyList<string> labels, IReadOnlyList<float> weights, int iterations, int leaves)
    {
        // The classes present, sorted ordinally as MapValueToKey(ByValue) would key them.
        var classNames = labels.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var keyOf = classNames.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => (uint)(p.i + 1), StringComparer.Ordinal);
        var data = new FeatureRowsDataView(features, features[0].Length, [.. labels.Select(l => keyOf[l])], classNames, weights);

        var trainer = context.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options
        {
            LabelColumnName = FeatureRowsDataView.LabelColumn,
            FeatureColumnName = FeatureRowsDataView.FeaturesColumn,
            ExampleWeightColumnName = FeatureRowsDataView.WeightColumn,
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
        });

        // The predictor needs no label column to score, and it remembers the label's key values as Score slot names.
        return trainer.Fit(data);
    }

    /// <summary>The class of each Score slot, read from the model itself (the label key's values).</summary>
    public static string[] ScoreClasses(ITransformer model, int dimensions)
    {
        var schema = model.GetOutputSchema(ScoringData([], dimensions).Schema);
        VBuffer<ReadOnlyMemory<char>> names = default;
        schema["Score"].GetSlotNames(ref names);
        return [.. names.DenseValues().Select(n => n.ToString())];
    }

    /// <summary>Class probabilities per row, in the model's slot order (<see cref="ScoreClasses"/>).</summary>
    public static float[][] Score(ITransformer model, IReadOnlyList<float[]> features, int dimensions)
    {
        var scored = model.Transform(ScoringData(features, dimensions));

        // Read the Score column through a cursor: CreateEnumerable would emit and compile a row mapper first.
        var column = scored.Schema["Score"];
        var result = new List<float[]>(features.Count);
        using var cursor = scored.GetRowCursor([column]);
        var getter = cursor.GetGetter<VBuffer<float>>(column);
        VBuffer<float> score = default;
        while (cursor.MoveNext())
        {
            getter(ref score);
            result.Add(score.DenseValues().ToArray());
        }

        return [.. result];
    }

    /// <summary>The model zip with every entry time fixed, so equal models give equal bytes.</summary>
    public static byte[] Save(MLContext context, ITransformer model, int dimensions)
    {
        using var saved = new MemoryStream();
        context.Model.Save(model, ScoringData([new float[dimensions]], dimensions).Schema, saved);
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

    private static FeatureRowsDataView ScoringData(IReadOnlyList<float[]> features, int dimensions) => new(features, dimensions);

}
