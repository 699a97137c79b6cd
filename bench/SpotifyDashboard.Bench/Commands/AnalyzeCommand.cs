using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SpotifyDashboard.Analysis;
using SpotifyDashboard.Analysis.Classification;

namespace SpotifyDashboard.Bench.Commands;

/// <summary>
/// <c>analyze</c>: runs the analysis engine on a CSV (or on generated rows) and prints one JSON object
/// with the row count, phase timings and the headline metrics, for comparing against scikit-learn.
/// </summary>
public sealed class AnalyzeCommand : IBenchCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public string Name => "analyze";

    public string Usage =>
        "--train <csv> [--eval <csv>] --label <column> [--clusters 6|auto] [--restarts 10] [--seed 42] [--folds 5] [--iterations 50] [--leaves 20] [--no-importance] [--repeat 1]  |  --synthetic <rows> [same options]";

    public Task<int> RunAsync(string[] args)
    {
        var options = ParseOptions(args);
        if (options is null || (!options.ContainsKey("train") && !options.ContainsKey("synthetic")))
        {
            Console.Error.WriteLine($"usage: analyze {Usage}");
            return Task.FromResult(2);
        }

        var seed = Int(options, "seed", 42);
        var settings = new AnalysisOptions
        {
            Clusters = options.GetValueOrDefault("clusters", options.ContainsKey("synthetic") ? "5" : "6"),
            Restarts = Int(options, "restarts", 10),
            Seed = seed,
            CvFolds = Int(options, "folds", 5),
            ClassifierIterations = Int(options, "iterations", 50),
            ClassifierLeaves = Int(options, "leaves", 20),
            IncludeStandardizedRows = false,
        };

        // Permutation importance as the worker computes it (the settings' default); --no-importance skips it, e.g. to
        // time only what scikit-learn's baseline does.
        if (options.ContainsKey("no-importance"))
        {
            settings.PermutationImportance = false;
        }

        if (!settings.IsAutoClusters && !int.TryParse(settings.Clusters, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            Console.Error.WriteLine("--clusters must be a number or 'auto'");
            return Task.FromResult(2);
        }

        var read = Stopwatch.StartNew();
        List<AnalysisRow> train;
        List<AnalysisRow>? eval = null;
        try
        {
            if (options.TryGetValue("synthetic", out var size))
            {
                train = AnalyzeSyntheticData.Generate(int.Parse(size, CultureInfo.InvariantCulture), seed);
            }
            else
            {
                var label = options.GetValueOrDefault("label");
                train = AnalyzeCsvReader.Read(options["train"], label);
                eval = options.TryGetValue("eval", out var evalPath) ? AnalyzeCsvReader.Read(evalPath, label) : null;
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException or FormatException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine(e.Message);
            return Task.FromResult(1);
        }

        var readMs = read.Elapsed.TotalMilliseconds;
        // --repeat n: the first runs pay for JIT; a long-lived worker reruns warm, so report the last run and the first total.
        var repeat = Math.Max(1, Int(options, "repeat", 1));
        var coldTotalMs = 0.0;
        AnalysisRun run;
        (double?, double?) evaluation;
        double totalMs;
        var attempt = 0;
        do
        {
            var total = Stopwatch.StartNew();
            run = AnalysisEngine.RunDetailed(train, settings);
            evaluation = eval is null ? (null, null) : Evaluate(run, eval);
            totalMs = total.Elapsed.TotalMilliseconds;
            coldTotalMs = attempt == 0 ? totalMs : coldTotalMs;
        }
        while (++attempt < repeat);

        var (evalAccuracy, evalBalanced) = evaluation;

        var snapshot = run.Snapshot;
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var output = new
        {
            rows = snapshot.Points.Count,
            excludedRows = snapshot.ExcludedRows.Count,
            features = snapshot.UsedFeatures,
            timingsMs = new
            {
                read = Math.Round(readMs, 1),
                scale = Math.Round(run.Timings.Scale, 1),
                pca = Math.Round(run.Timings.Pca, 1),
                kmeans = Math.Round(run.Timings.KMeans, 1),
                classifier = Math.Round(run.Timings.Classifier + (totalMs - run.Timings.Total), 1),
                total = Math.Round(totalMs, 1),
                firstRunTotal = Math.Round(coldTotalMs, 1),
                runs = repeat,
            },
            pca = new { explainedVariance = snapshot.Pca.ExplainedVarianceRatio.Select(v => Math.Round(v, 4)) },
            kmeans = new
            {
                k = snapshot.Clustering.K,
                inertiaPerRow = Math.Round(snapshot.Clustering.InertiaPerRow, 4),
                silhouette = snapshot.Clustering.Silhouette is { } s ? Math.Round(s, 4) : (double?)null,
                clusters = snapshot.Clustering.Clusters.Select(c => $"{c.Name} ({c.Size})"),
            },
            classifier = new
            {
                state = snapshot.Model.State.ToString(),
                reason = snapshot.Model.Reason,
                cvAccuracy = Round(snapshot.Model.CvAccuracy),
                cvBalancedAccuracy = Round(snapshot.Model.CvBalancedAccuracy),
                evalAccuracy = Round(evalAccuracy),
                evalBalancedAccuracy = Round(evalBalanced),
                baseline = Round(snapshot.Model.BaselineAccuracy),
                featureImportance = snapshot.Model.FeatureImportance.Select(f => new { feature = f.Feature, drop = Math.Round(f.AccuracyDrop, 4) }),
            },
            // Where a one-shot run's time goes: methods compiled at run time (ReadyToRun code needs none), CPU of the
            // whole process, and the wall time since the process started (runtime start-up + reading + analysis).
            process = new
            {
                jitMethods = System.Runtime.JitInfo.GetCompiledMethodCount(),
                jitMs = Math.Round(System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds, 1),
                cpuMs = Math.Round(process.TotalProcessorTime.TotalMilliseconds, 1),
                sinceStartMs = Math.Round((DateTime.Now - process.StartTime).TotalMilliseconds, 1),
            },
            memory = new
            {
                peakWorkingSetMb = Math.Round(process.PeakWorkingSet64 / 1048576.0, 1),
                gcHeapMb = Math.Round(GC.GetGCMemoryInfo().HeapSizeBytes / 1048576.0, 1),
                allocatedMb = Math.Round(GC.GetTotalAllocatedBytes() / 1048576.0, 1),
            },
            warnings = snapshot.Warnings,
        };

        Console.WriteLine(JsonSerializer.Serialize(output, Indented));
        return Task.FromResult(0);
    }

    /// <summary>Accuracy and balanced accuracy on held-out rows; a label the model never saw counts as a miss.</summary>
    private static (double?, double?) Evaluate(AnalysisRun run, List<AnalysisRow> eval)
    {
        var predictor = run.Predictor;
        if (!predictor.IsAvailable)
        {
            return (null, null);
        }

        var features = new List<float[]>();
        var labels = new List<string>();
        foreach (var row in eval.Where(r => !string.IsNullOrWhiteSpace(r.Label)))
        {
            var standardized = new double[run.Scaler.UsedColumns.Length];
            if (run.Scaler.TryStandardize(SpotifyDashboard.Analysis.Features.FeatureScaler.RawVector(row.Features), standardized))
            {
                features.Add(Array.ConvertAll(standardized, v => (float)v));
                labels.Add(row.Label!.Trim());
            }
        }

        var predicted = MajorClassifier.ArgMax(predictor.PredictStandardized(features));
        var classes = predictor.Classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        var correct = 0;
        var perClass = new Dictionary<string, (int Hits, int Total)>(StringComparer.Ordinal);
        for (var i = 0; i < labels.Count; i++)
        {
            var hit = classes.TryGetValue(labels[i], out var actual) && actual == predicted[i];
            correct += hit ? 1 : 0;
            var (hits, count) = perClass.GetValueOrDefault(labels[i]);
            perClass[labels[i]] = (hits + (hit ? 1 : 0), count + 1);
        }

        return labels.Count == 0 ? (null, null) : (correct / (double)labels.Count, perClass.Values.Average(p => p.Hits / (double)p.Total));
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 4) : null;

    private static int Int(Dictionary<string, string> options, string name, int fallback) =>
        options.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    private static Dictionary<string, string>? ParseOptions(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                return null;
            }

            var name = args[i][2..];
            // Flags without a value; --importance is what turned importance on before it was the default.
            if (name is "importance" or "no-importance")
            {
                options[name] = "true";
                continue;
            }

            if (i + 1 >= args.Length)
            {
                return null;
            }

            options[name] = args[++i];
        }

        return options;
    }
}
