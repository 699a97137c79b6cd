using SpotifyDashboard.Bench.Commands;

namespace SpotifyDashboard.Bench.EndToEnd;

/// <summary>What one <c>e2e</c> run saw, printed as one Markdown table, and the reasons it failed (a stage over its limit, a row lost).</summary>
public sealed class EndToEndReport(int rows, SurveyCsvGenerator.Stats generated)
{
    /// <summary>The worker's <c>data_processing_time</c> stage behind each of our stages.</summary>
    private static readonly Dictionary<string, string> WorkerStage = new()
    {
        ["ingest"] = "ingest",
        ["enrichment"] = "enrich",
        ["analysis"] = "analyse",
    };

    private readonly List<(string Name, TimeSpan? Elapsed, PipelineMetrics? Metrics, StatusCounts? Status)> _stages = [];

    public UpstreamCalls? Upstream { get; set; }

    public OverviewCounts? Overview { get; set; }

    public (int Points, long Bytes)? Clusters { get; set; }

    public string ReadLoad { get; set; } = "";

    public List<(string Path, long Bytes, ReadFigures Figures)> Reads { get; } = [];

    public List<ProcessMemory> Memory { get; } = [];

    public void Stage(string name, TimeSpan? elapsed, PipelineMetrics? metrics, StatusCounts? status) => _stages.Add((name, elapsed, metrics, status));

    public IReadOnlyList<string> Failures()
    {
        var failures = new List<string>();
        foreach (var (name, elapsed, _, _) in _stages.Where(s => s.Elapsed is null))
        {
            failures.Add($"{name} did not finish");
        }

        var status = _stages.LastOrDefault(s => s.Status is not null).Status;
        if (status is not null)
        {
            Require(failures, status.RowsRead == rows, $"rows read {status.RowsRead:N0} != CSV rows {rows:N0}");
            Require(failures, status.Accepted + status.Quarantined + status.Duplicates == rows, $"accepted + quarantined + duplicates = {status.Accepted + status.Quarantined + status.Duplicates:N0} != CSV rows {rows:N0}");
            Require(failures, status.Stored == status.Accepted, $"stored {status.Stored:N0} != accepted {status.Accepted:N0}");
            Require(failures, status.Enriched + status.Unmatched + status.Pending == status.Stored, $"enriched + unmatched + pending = {status.Enriched + status.Unmatched + status.Pending:N0} != stored {status.Stored:N0}");
        }

        if (Overview is { } o)
        {
            Require(failures, o.Enriched + o.Unmatched == o.Current && o.Pending == 0, $"current answers {o.Current:N0} != enriched {o.Enriched:N0} + unmatched {o.Unmatched:N0} (pending {o.Pending:N0})");
            Require(failures, Clusters is null || Clusters.Value.Points == o.AnalysedRows, $"/api/clusters has {Clusters?.Points:N0} points, the analysis {o.AnalysedRows:N0} rows");
        }

        return failures;
    }

    public void Print(TextWriter output, TimeSpan stageLimit)
    {
        output.WriteLine();
        output.WriteLine("| stage | wall time | worker's own (`data_processing_time`, all runs since start) | what the api reports |");
        output.WriteLine("|---|---|---|---|");
        var total = TimeSpan.Zero;
        foreach (var (name, elapsed, metrics, status) in _stages)
        {
            total += elapsed ?? TimeSpan.Zero;
            var own = metrics?.Of(WorkerStage[name]) is { } runs ? $"{runs.Runs:N0} run{(runs.Runs == 1 ? "" : "s")}{(runs.Failed > 0 ? $" ({runs.Failed} failed)" : "")}, {runs.Seconds:N1} s" : "no /metrics";
            var wall = elapsed is { } e ? $"{e.TotalSeconds:N1} s" : $"**not within {stageLimit.TotalMinutes:0} min**";
            output.WriteLine($"| {name} | {wall} | {own} | {Result(name, status)} |");
        }

        output.WriteLine($"| **ingest → analysed** | **{total.TotalSeconds:N1} s** | | from the worker's start |");
        foreach (var (path, bytes, f) in Reads)
        {
            output.WriteLine($"| api `{path}` | {f.GoodPerSecond:N0} 2xx/s | p50 {f.P50Ms:N1} ms, p99 {f.P99Ms:N1} ms | {bytes:N0} bytes an answer, {f.Refused:N0} refused |");
        }

        output.WriteLine($"| peak memory (VmHWM) | | | {string.Join("; ", Memory.Select(m => $"{m.Name} {m.PeakMb:N0} MB"))} |");
        output.WriteLine($"| memory at the end (VmRSS) | | | {string.Join("; ", Memory.Select(m => $"{m.Name} {m.ResidentMb:N0} MB"))} |");
        output.WriteLine();
        if (ReadLoad.Length > 0)
        {
            output.WriteLine($"reads: {ReadLoad}");
        }

        var failures = Failures();
        output.WriteLine(failures.Count == 0 ? "checks: every row accounted for, every stage within its limit" : "FAILED: " + string.Join("; ", failures));
    }

    private string Result(string stage, StatusCounts? s) => (stage, s) switch
    {
        (_, null) => "no answer from /api/status",
        ("ingest", _) => $"{s.RowsRead:N0} rows read = {s.Accepted:N0} accepted + {s.Quarantined:N0} quarantined + {s.Duplicates:N0} duplicates (CSV: {rows:N0} rows, {generated.Invalid:N0} without a song, {generated.Duplicates:N0} duplicates)",
        ("enrichment", _) => $"{s.Stored:N0} stored = {s.Enriched:N0} enriched + {s.Unmatched:N0} unmatched + {s.Pending:N0} pending; fakes called: {Upstream?.Search:N0} searches, {Upstream?.Features:N0} feature batches, {Upstream?.Token:N0} token calls ({generated.UniqueSongs:N0} unique song cells in the CSV)",
        _ => Overview is { } o
            ? $"{o.Current:N0} current answers (one per student, of {o.Stored:N0} stored), {o.Enriched:N0} enriched, analysis of {o.AnalysedRows:N0}; `/api/clusters` {Clusters?.Points:N0} points"
            : "no answer from /api/overview",
    };

    private static void Require(List<string> failures, bool holds, string otherwise)
    {
        if (!holds)
        {
            failures.Add(otherwise);
        }
    }
}
