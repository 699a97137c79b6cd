using System.Diagnostics;
using System.Globalization;
using SpotifyDashboard.Bench.Commands;
using SpotifyDashboard.Bench.Reads;

namespace SpotifyDashboard.Bench.EndToEnd;

/// <summary>
/// <c>e2e</c>: a Forms CSV of <c>--rows</c> rows through the whole app as shipped — the worker ingests it, enriches it
/// against the WireMock fakes, analyses it; the api serves it — timing each stage as the api reports it, then a short
/// read load on the api, then every process's peak memory. Exits 1 when a stage does not finish within
/// <c>--stage-minutes</c> or a row is lost on the way (<see cref="Checks"/>).
/// </summary>
public sealed class EndToEndCommand : IBenchCommand
{
    private static readonly string[] ReadPaths = ["/api/clusters", "/api/responses?limit=50", "/api/status"];

    public string Name => "e2e";

    public string Usage => "[--rows 100000] [--songs N] [--latency-ms 5] [--stage-minutes 30] [--read-seconds 10] [--set Key=Value ...]  (N made-up songs instead of the generator's ten hits)";

    public async Task<int> RunAsync(string[] args)
    {
        var rows = Int(args, "--rows", 100_000);
        int? songs = args.Contains("--songs") ? Int(args, "--songs", 0) : null;
        var latency = TimeSpan.FromMilliseconds(Int(args, "--latency-ms", 5));
        var stageLimit = TimeSpan.FromMinutes(Int(args, "--stage-minutes", 30));
        var readDuration = TimeSpan.FromSeconds(Int(args, "--read-seconds", 10));
        var overrides = Overrides(args);
        var work = Directory.CreateTempSubdirectory("sd-e2e-").FullName;
        var csv = Path.Combine(work, "survey.csv");

        var generated = await SurveyCsvGenerator.WriteAsync(csv, rows, seed: 42, songs);
        Console.WriteLine($"e2e: {rows:N0} CSV rows ({generated.Invalid:N0} written without a song, {generated.Duplicates:N0} exact duplicates), "
            + $"{generated.UniqueSongs:N0} unique (song, artist) cells, fake latency {latency.TotalMilliseconds:0} ms, each stage within {stageLimit.TotalMinutes:0} min; "
            + $"load average {LoadAverage()}; logs in {work}");

        using var stack = EndToEndStack.Start(csv, latency, overrides, work);
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        var probe = new ApiProbe(http, stack.ApiUrl);
        var report = new EndToEndReport(rows, generated);

        // The api first, so its start-up is not counted in the ingest; the clock starts with the worker.
        stack.StartApi();
        var waiter = new StageWaiter(stack, TimeSpan.FromMinutes(2));
        if (await waiter.UntilAsync(async () => await probe.StatusAsync() is not null) is null)
        {
            Console.Error.WriteLine($"The api did not answer /api/status within 2 minutes; see {stack.Api!.LogPath}");
            return 1;
        }

        waiter = new StageWaiter(stack, stageLimit);
        stack.StartWorker();
        StatusCounts? status = null;
        OverviewCounts? overview = null;

        // Ingest: the first read of the file is one pass, so once the source's status has rows and the api holds as many
        // answers as were accepted, every row is stored or quarantined.
        var ingest = await waiter.UntilAsync(async () => (status = await probe.StatusAsync()) is { RowsRead: > 0 } s && s.Stored == s.Accepted);
        report.Stage("ingest", ingest, await ScrapeAsync(http, stack), status);

        var enrich = ingest is null ? null : await waiter.UntilAsync(async () =>
            (status = await probe.StatusAsync()) is { Stored: > 0, Pending: 0 } s && s.Enriched + s.Unmatched == s.Stored);
        report.Stage("enrichment", enrich, await ScrapeAsync(http, stack), status);
        report.Upstream = stack.Fakes.Calls;

        // Analysis: the api serves an analysis of every current answer that has features.
        var analysis = enrich is null ? null : await waiter.UntilAsync(async () =>
            (overview = await probe.OverviewAsync()) is { Pending: 0, AnalysedRows: { } analysed } o && analysed == o.Enriched);
        report.Stage("analysis", analysis, await ScrapeAsync(http, stack), status);
        report.Overview = overview;

        if (analysis is not null)
        {
            report.Clusters = await probe.ClustersAsync();
            report.ReadLoad = ReadLoad.Description(readDuration);
            foreach (var path in ReadPaths)
            {
                var bytes = (await http.GetByteArrayAsync(stack.ApiUrl + path)).LongLength;
                report.Reads.Add((path, bytes, await ReadLoad.RunAsync(http, stack.ApiUrl + path, readDuration)));
            }
        }

        report.Memory.Add(ProcessMemory.Read("api", stack.Api!.Id));
        report.Memory.Add(ProcessMemory.Read("worker", stack.Worker!.Id));
        report.Memory.Add(ProcessMemory.Read("bench (Garnet + fakes)", Environment.ProcessId));
        report.Print(Console.Out, stageLimit);
        Console.WriteLine($"load average after: {LoadAverage()}");
        return report.Failures().Count == 0 ? 0 : 1;
    }

    private static async Task<PipelineMetrics?> ScrapeAsync(HttpClient http, EndToEndStack stack)
    {
        try
        {
            return await PipelineMetrics.ScrapeAsync(http, stack.WorkerUrl);
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary><c>--set Key=Value</c>, any number of times: a setting for both services (e.g. <c>Enrichment:MaxResponsesPerTick=10000</c>).</summary>
    private static Dictionary<string, string> Overrides(string[] args)
    {
        var overrides = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i + 1 < args.Length; i++)
        {
            if (args[i] == "--set" && args[i + 1].Split('=', 2) is [var key, var value])
            {
                overrides[key] = value;
            }
        }

        return overrides;
    }

    private static string LoadAverage() => string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private static int Int(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    /// <summary>Polls a condition every half second until it holds (its elapsed time from the previous stage's end) or the limit passes (null).</summary>
    private sealed class StageWaiter(EndToEndStack stack, TimeSpan limit)
    {
        private readonly Stopwatch _sinceLastStage = Stopwatch.StartNew();

        public async Task<TimeSpan?> UntilAsync(Func<Task<bool>> done)
        {
            _sinceLastStage.Restart();
            while (_sinceLastStage.Elapsed < limit)
            {
                foreach (var service in new[] { stack.Api, stack.Worker })
                {
                    if (service is { HasExited: true })
                    {
                        throw new InvalidOperationException($"A service stopped; see {service.LogPath}");
                    }
                }

                if (await done())
                {
                    return _sinceLastStage.Elapsed;
                }

                await Task.Delay(500);
            }

            return null;
        }
    }
}
