using Microsoft.ML;
using SpotifyDashboard.Analysis.Features;
using SpotifyDashboard.Core.Contracts.Dashboard;
using SpotifyDashboard.Core.Music;

namespace SpotifyDashboard.Analysis.Classification;

/// <summary>A trained (or refused) major predictor: the report for the snapshot and the predictor for immediate use.</summary>
public sealed record TrainedMajorClassifier(ModelReport Report, MajorPredictor Predictor);

/// <summary>
/// Trains the major predictor: LightGbm multiclass with class-balanced example weights
/// (weight of class c = n / (classes × n_c), scikit-learn's "balanced"), chosen over one-versus-all
/// FastForest because it was both more accurate and faster on the songs data when the two were measured. Reports stratified
/// k-fold cross-validated accuracy and balanced accuracy next to the majority-class baseline, the
/// out-of-fold confusion matrix and permutation feature importance on the held-out folds.
/// Refuses with <see cref="ModelState.NotEnoughData"/> below 10 labelled rows or 2 majors with ≥ 2 rows.
/// </summary>
public static class MajorClassifier
{
    public const int MinimumLabelledRows = 10;
    public const int MinimumRowsPerMajor = 2;

    /// <summary>Fewest boosting rounds a run uses (unless the setting is lower).</summary>
    public const int MinimumIterations = 5;

    /// <param name="labels">The label of each matrix row (null or blank: unlabelled, ignored).</param>
    public static TrainedMajorClassifier Train(FeatureMatrix matrix, FeatureScaler scaler, IReadOnlyList<string?> labels, AnalysisOptions settings, List<string> warnings)
    {
        var labelled = Enumerable.Range(0, matrix.RowCount).Where(i => !string.IsNullOrWhiteSpace(labels[i])).ToArray();
        var counts = labelled.GroupBy(i => labels[i]!.Trim(), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var classes = counts.Where(c => c.Value >= MinimumRowsPerMajor).Select(c => c.Key).Order(StringComparer.Ordinal).ToArray();

        var refusal = matrix.ColumnCount == 0 ? "No usable features."
            : labelled.Length < MinimumLabelledRows ? $"Not enough data: {labelled.Length} labelled responses, at least {MinimumLabelledRows} are needed."
            : classes.Length < 2 ? $"Not enough data: {classes.Length} major(s) with at least {MinimumRowsPerMajor} responses, at least 2 are needed."
            : null;
        if (refusal is not null)
        {
            return new TrainedMajorClassifier(
                new ModelReport { State = ModelState.NotEnoughData, Reason = refusal, LabelledRows = labelled.Length },
                new MajorPredictor(null, [], null, refusal));
        }

        var rare = counts.Where(c => c.Value < MinimumRowsPerMajor).Select(c => c.Key).Order(StringComparer.Ordinal).ToArray();
        if (rare.Length > 0)
        {
            warnings.Add($"{rare.Length} major(s) with a single response were left out of the predictor.");
        }

        var classIndex = classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        var rows = labelled.Where(i => classIndex.ContainsKey(labels[i]!.Trim())).ToArray();
        var features = rows.Select(i => ToFloats(matrix.Row(i))).ToArray();
        var targets = rows.Select(i => classIndex[labels[i]!.Trim()]).ToArray();
        var classCounts = Enumerable.Range(0, classes.Length).Select(c => targets.Count(t => t == c)).ToArray();

        var weights = targets.Select(t => (float)(rows.Length / (double)(classes.Length * classCounts[t]))).ToArray();
        var folds = Math.Min(settings.CvFolds, rows.Length);
        var foldOf = StratifiedFolds(targets, classes.Length, folds, settings.Seed);

        // Small classes overfit with many rounds, and each round has a fixed cost in ML.NET: n/200 rounds (5 at least,
        // the setting at most). Measured on synthetic classes (docs/benchmarks/analyze.md): CV accuracy 1k rows 5 rounds 0.294 vs
        // 10 rounds 0.289; 5k rows 25 rounds 0.330 vs 50 rounds 0.319. The songs data (22k rows) keeps the full setting.
        var iterations = Math.Clamp(rows.Length / 200, Math.Min(MinimumIterations, settings.ClassifierIterations), settings.ClassifierIterations);
        var outOfFold = new int[rows.Length];
        var importanceDrops = new double[folds, matrix.ColumnCount];
        ITransformer? finalModel = null;
        byte[]? finalModelBytes = null;

        // Folds and the final model are independent fits: run them side by side, one thread each. The final model
        // (index `folds`) goes first so that saving it overlaps the last fold fits instead of following them.
        int[] order = [folds, .. Enumerable.Range(0, folds)];
        Parallel.For(0, order.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, o =>
        {
            var f = order[o];
            var foldContext = new MLContext(settings.Seed + f);
            var train = Enumerable.Range(0, rows.Length).Where(i => f == folds || foldOf[i] != f).ToArray();
            var model = LightGbmMajorModel.Train(
                foldContext,
                [.. train.Select(i => features[i])],
                [.. train.Select(i => classes[targets[i]])],
                [.. train.Select(i => weights[i])],
                iterations,
                settings.ClassifierLeaves);
            if (f == folds)
            {
                finalModel = model;
                finalModelBytes = LightGbmMajorModel.Save(foldContext, model, matrix.ColumnCount);
                return;
            }

            var test = Enumerable.Range(0, rows.Length).Where(i => foldOf[i] == f).ToArray();
            var testFeatures = test.Select(i => features[i]).ToArray();

            // One scoring pass for the held-out rows and, for permutation importance, each feature's shuffled
            // copy of them: a pass has a fixed cost in ML.NET, and rows are scored independently, so batching
            // gives the same predictions as scoring each copy on its own.
            var batch = new List<float[]>(testFeatures);
            if (settings.PermutationImportance)
            {
                for (var j = 0; j < matrix.ColumnCount; j++)
                {
                    batch.AddRange(Permute(testFeatures, j, new Random(settings.Seed * 31 + f * 1_009 + j)));
                }
            }

            var slotClass = LightGbmMajorModel.ScoreClasses(model, matrix.ColumnCount).Select(c => classIndex[c]).ToArray();
            var predicted = ArgMax(LightGbmMajorModel.Score(model, batch, matrix.ColumnCount)).Select(s => slotClass[s]).ToArray();
            for (var t = 0; t < test.Length; t++)
            {
                outOfFold[test[t]] = predicted[t];
            }

            if (settings.PermutationImportance)
            {
                var baseCorrect = Enumerable.Range(0, test.Length).Count(t => predicted[t] == targets[test[t]]);
                for (var j = 0; j < matrix.ColumnCount; j++)
                {
                    var offset = (j + 1) * test.Length;
                    var correct = Enumerable.Range(0, test.Length).Count(t => predicted[offset + t] == targets[test[t]]);
                    importanceDrops[f, j] = (baseCorrect - correct) / (double)rows.Length;
                }
            }
        });

        var confusion = Enumerable.Range(0, classes.Length).Select(_ => new int[classes.Length]).ToArray();

        for (var i = 0; i < rows.Length; i++)
        {
            confusion[targets[i]][outOfFold[i]]++;
        }

        var accuracy = Enumerable.Range(0, classes.Length).Sum(c => confusion[c][c]) / (double)rows.Length;
        var majority = Enumerable.Range(0, classes.Length).OrderByDescending(c => classCounts[c]).ThenBy(c => c).First();
        var importance = settings.PermutationImportance
            ? Enumerable.Range(0, matrix.ColumnCount)
                .Select(j => new FeatureImportance(AudioFeatures.Names[matrix.UsedColumns[j]], Enumerable.Range(0, folds).Sum(f => importanceDrops[f, j])))
                .OrderByDescending(f => f.AccuracyDrop).ThenBy(f => f.Feature, StringComparer.Ordinal)
                .ToList()
            : [];

        var report = new ModelReport
        {
            State = ModelState.Trained,
            LabelledRows = labelled.Length,
            Classes = classes,
            ClassCounts = classCounts,
            Folds = folds,
            Iterations = iterations,
            CvAccuracy = accuracy,
            CvBalancedAccuracy = BalancedAccuracy(confusion),
            BaselineAccuracy = classCounts[majority] / (double)rows.Length,
            BaselineClass = classes[majority],
            BaselineBalancedAccuracy = 1.0 / classes.Length,
            ConfusionMatrix = confusion,
            FeatureImportance = importance,
            ModelBytes = finalModelBytes,
        };

        return new TrainedMajorClassifier(report, new MajorPredictor(finalModel, LightGbmMajorModel.ScoreClasses(finalModel!, matrix.ColumnCount), scaler, null));
    }

    /// <summary>Mean recall over the classes that occur (scikit-learn's balanced_accuracy_score).</summary>
    public static double BalancedAccuracy(IReadOnlyList<IReadOnlyList<int>> confusion)
    {
        var recalls = confusion.Select((row, c) => (row, c)).Where(p => p.row.Sum() > 0).Select(p => p.row[p.c] / (double)p.row.Sum()).ToArray();
        return recalls.Length == 0 ? 0 : recalls.Average();
    }

    public static int[] ArgMax(float[][] scores) =>
        [.. scores.Select(s =>
        {
            var best = 0;
            for (var c = 1; c < s.Length; c++)
            {
                if (s[c] > s[best])
                {
                    best = c;
                }
            }

            return best;
        })];

    private static float[] ToFloats(ReadOnlySpan<double> row) => Array.ConvertAll(row.ToArray(), x => (float)x);

    /// <summary>Each class's rows are shuffled and dealt round-robin over the folds, continuing where the previous class stopped.</summary>
    private static int[] StratifiedFolds(int[] targets, int classCount, int folds, int seed)
    {
        var random = new Random(seed);
        var foldOf = new int[targets.Length];
        var next = 0;
        for (var c = 0; c < classCount; c++)
        {
            var members = Enumerable.Range(0, targets.Length).Where(i => targets[i] == c).ToArray();
            random.Shuffle(members);
            foreach (var i in members)
            {
                foldOf[i] = next;
                next = (next + 1) % folds;
            }
        }

        return foldOf;
    }

    private static float[][] Permute(float[][] rows, int column, Random random)
    {
        var order = Enumerable.Range(0, rows.Length).ToArray();
        random.Shuffle(order);
        return [.. rows.Select((row, i) =>
        {
            var copy = (float[])row.Clone();
            copy[column] = rows[order[i]][column];
            return copy;
        })];
    }
}
