using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using SpotifyDashboard.Analysis.Classification;
using SpotifyDashboard.Analysis.Clustering;
using SpotifyDashboard.Analysis.Features;
using SpotifyDashboard.Analysis.Reduction;
using SpotifyDashboard.Core.Contracts.Dashboard;
using SpotifyDashboard.Core.Music;

namespace SpotifyDashboard.Analysis;

/// <summary>
/// One full analysis: features → standardization → PCA(3) → k-means → major predictor → DNA scores,
/// packed into an <see cref="AnalysisSnapshot"/>. Never throws on bad data: bad rows and settings are
/// excluded or clamped and reported. Same rows + same settings (seed) → the same snapshot apart from
/// <see cref="AnalysisSnapshot.TrainedAt"/>.
/// </summary>
public static class AnalysisEngine
{
    public static AnalysisSnapshot Run(IReadOnlyList<AnalysisRow> rows, AnalysisOptions settings, TimeProvider? timeProvider = null) =>
        RunDetailed(rows, settings, timeProvider).Snapshot;

    public static AnalysisRun RunDetailed(IReadOnlyList<AnalysisRow> rows, AnalysisOptions settings, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(settings);
        var total = Stopwatch.StartNew();
        var warnings = new List<string>();

        var (unique, duplicates) = DropDuplicateIds(rows);
        var prepared = FeaturePreparation.Prepare([.. unique.Select(r => FeatureScaler.RawVector(r.Features))]);
        warnings.AddRange(prepared.Warnings);
        var matrix = prepared.Matrix;
        var scale = total.Elapsed.TotalMilliseconds;

        // The major predictor needs only the standardized matrix and the labels, so it trains while PCA and
        // k-means run: on a one-shot run most of its time is ML.NET warming up (JIT, type loading), which then
        // overlaps the clustering instead of following it. Each side keeps its own warnings, joined in a fixed order.
        var keptRows = matrix.KeptRows.Select(i => unique[i]).ToArray();
        var classifierWarnings = new List<string>();
        // LongRunning = its own thread, not a pool thread: both sides run Parallel loops, and started as a pool task
        // about half the runs stalled ~0.5 s (most likely waiting for a 2-thread pool to grow); on its own thread none did.
        var classifierTask = Task.Factory.StartNew(
            () =>
            {
                var watch = Stopwatch.StartNew();
                var trained = MajorClassifier.Train(matrix, prepared.Scaler, [.. keptRows.Select(r => r.Label)], settings, classifierWarnings);
                return (Trained: trained, Ms: watch.Elapsed.TotalMilliseconds);
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        var phase = Stopwatch.StartNew();
        var pca = PrincipalComponents.Fit(matrix.Values, matrix.RowCount, matrix.ColumnCount);
        var pcaMs = phase.Elapsed.TotalMilliseconds;

        phase.Restart();
        var (clustering, assignments) = ClusteringStep.Run(matrix, prepared.Scaler, settings, warnings);
        var kmeansMs = phase.Elapsed.TotalMilliseconds;

        var (classifier, classifierMs) = classifierTask.GetAwaiter().GetResult();
        warnings.AddRange(classifierWarnings);

        var dna = DnaScore.Compute(matrix.Values, matrix.RowCount, matrix.ColumnCount);
        var points = keptRows.Select((row, i) => new SnapshotPoint(
            row.Id,
            string.IsNullOrWhiteSpace(row.Label) ? null : row.Label.Trim(),
            pca.Coordinates[i * 3],
            pca.Coordinates[i * 3 + 1],
            pca.Coordinates[i * 3 + 2],
            assignments[i],
            dna[i],
            settings.IncludeStandardizedRows ? matrix.Row(i).ToArray() : null)).ToList();

        var excluded = duplicates
            .Concat(prepared.ExcludedRows.Select(e => new ExcludedRow(unique[e.Row].Id, e.Reason)))
            .ToList();
        if (excluded.Count > 0)
        {
            warnings.Add($"{excluded.Count} row(s) were left out of the analysis (see excludedRows).");
        }

        var snapshot = new AnalysisSnapshot
        {
            Version = Fingerprint(rows, settings),
            TrainedAt = (timeProvider ?? TimeProvider.System).GetUtcNow(),
            Seed = settings.Seed,
            Settings = new SnapshotSettings(settings.Clusters, settings.Restarts, settings.CvFolds, settings.MaxAutoClusters, settings.ClassifierIterations, settings.ClassifierLeaves),
            InputRows = rows.Count,
            UsedFeatures = [.. matrix.UsedColumns.Select(j => AudioFeatures.Names[j])],
            Standardization = prepared.Standardization,
            Pca = new PcaSummary(pca.ExplainedVarianceRatio, [.. pca.Components.Select(c => (IReadOnlyList<double>)c)]),
            Clustering = clustering,
            Points = points,
            Model = classifier.Report,
            ExcludedRows = excluded,
            Warnings = warnings,
            DnaScore = new DnaScoreDefinition(DnaScore.Formula),
        };

        var timings = new AnalysisTimings(scale, pcaMs, kmeansMs, classifierMs, total.Elapsed.TotalMilliseconds);
        return new AnalysisRun(snapshot, prepared.Scaler, classifier.Predictor, timings);
    }

    private static (List<AnalysisRow> Unique, List<ExcludedRow> Duplicates) DropDuplicateIds(IReadOnlyList<AnalysisRow> rows)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var firstOfItsId = rows.ToLookup(row => seen.Add(row.Id));
        return ([.. firstOfItsId[true]], [.. firstOfItsId[false].Select(row => new ExcludedRow(row.Id, "duplicate id"))]);
    }

    /// <summary>A content hash of the inputs and settings: equal runs get equal versions. Without settings, of the rows alone.</summary>
    public static string Fingerprint(IReadOnlyList<AnalysisRow> rows, AnalysisOptions? settings = null)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (settings is not null)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(
                $"{settings.Clusters}|{settings.Restarts}|{settings.Seed}|{settings.CvFolds}|{settings.MaxAutoClusters}|{settings.ClassifierIterations}|{settings.ClassifierLeaves}|{settings.PermutationImportance}|{settings.SilhouetteSampleSize}\n"));
        }

        Span<byte> number = stackalloc byte[8];
        foreach (var row in rows)
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"{row.Id}\u001f{row.Label}\u001f"));
            foreach (var v in row.Features.ToVector())
            {
                BitConverter.TryWriteBytes(number, v);
                hash.AppendData(number);
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }
}

/// <summary>One input row: a response id, its label (the major; null when unknown) and the song's audio features.</summary>
public sealed record AnalysisRow(string Id, string? Label, AudioFeatures Features);

/// <summary>A snapshot with what was needed to make it: the scaler, the ready predictor and the timings.</summary>
public sealed record AnalysisRun(AnalysisSnapshot Snapshot, FeatureScaler Scaler, MajorPredictor Predictor, AnalysisTimings Timings);

/// <summary>Wall-clock milliseconds per phase of one run (for the bench; not part of the snapshot).</summary>
public sealed record AnalysisTimings(double Scale, double Pca, double KMeans, double Classifier, double Total);
