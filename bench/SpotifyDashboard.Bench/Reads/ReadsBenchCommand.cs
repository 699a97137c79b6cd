using System.Globalization;
using System.Text.Json;

namespace SpotifyDashboard.Bench.Reads;

/// <summary>
/// <c>reads</c>: the api's hot reads against a bare ASP.NET Core endpoint serving the same bytes, both under
/// <c>wrk -t2 -c32 -d10s --latency</c> on this machine, in the same run. For each path: requests a second, p50/p99,
/// how many answers were not 2xx (refusals by the rate limits count as failures, not as throughput), and the ratio of
/// ours to bare. The api runs as shipped: its default settings, rate limits on, Production, no telemetry exporter (the
/// deployed shape without a collector). With <c>--apphost Debug|Release</c> it runs as <c>dotnet run</c> starts the whole
/// app instead (<see cref="AppHostRun"/>: telemetry to the Aspire dashboard on, the worker running) and wrk goes both
/// to the api's port 5081, through Aspire's proxy, and to the api's own port behind it.
/// </summary>
public sealed class ReadsBenchCommand : IBenchCommand
{
    private static readonly JsonSerializerOptions IndentedJson = new() { WriteIndented = true };

    private const string DefaultPaths = "/api/clusters,/api/responses?limit=50,/api/status";

    public string Name => "reads";

    public string Usage => "[--url http://127.0.0.1:5081 [--internal-key K] | --apphost Debug|Release [--set Key=Value …]] [--students 50] [--paths " + DefaultPaths + "] [--users 1[,256]] [--runs 1] [--duration 10] [--warmup 10] [--connections 32] [--threads 2]";

    public async Task<int> RunAsync(string[] args)
    {
        var students = Int(args, "--students", 50);
        var paths = Option(args, "--paths", DefaultPaths).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var users = Option(args, "--users", "1").Split(',').Select(u => int.Parse(u, CultureInfo.InvariantCulture)).ToArray();
        var runs = Int(args, "--runs", 1);
        var duration = TimeSpan.FromSeconds(Int(args, "--duration", 10));
        var (threads, connections) = (Int(args, "--threads", 2), Int(args, "--connections", 32));
        var warmup = TimeSpan.FromSeconds(Int(args, "--warmup", 10));
        var work = Directory.CreateTempSubdirectory("sd-reads-").FullName;
        var loadBefore = LoadAverage();

        using var appHost = args.Contains("--apphost")
            ? await AppHostRun.StartAsync(students, Option(args, "--apphost", "Debug"), Settings(args), work)
            : null;
        using var stack = appHost is not null
            ? ReadsStack.Existing(AppHostRun.ApiUrl, null)
            : args.Contains("--url")
            ? ReadsStack.Existing(Option(args, "--url", ""), args.Contains("--internal-key") ? Option(args, "--internal-key", "") : null)
            : await ReadsStack.StartAsync(students, work);
        if (users.Any(u => u > 1) && stack.InternalKey is null)
        {
            Console.Error.WriteLine("--users above 1 sends requests as the web does for its users: give --internal-key with --url (or let the bench start the api)");
            return 2;
        }

        var targets = users.Select(u => new Target(u == 1 ? "api" : $"api, {u} users", stack.ApiUrl, u)).ToList();
        if (appHost is not null)
        {
            targets[0] = targets[0] with { Label = "api :5081 (Aspire proxy)" };
            if (appHost.ServiceUrl("Api") is { } direct)
            {
                targets.Add(new Target("api's own port", direct, 1));
            }
        }

        var bodies = await CopyAnswersAsync(stack.ApiUrl, paths, work);
        var bareUrl = $"http://127.0.0.1:{ReadsStack.FreePort()}";
        stack.StartBare(work, bareUrl, work);
        await WaitForBareAsync(bareUrl, bodies);
        var scripts = users.Where(u => u > 1).ToDictionary(u => u, u => ForwardedUsersScript(work, u, stack.InternalKey!));

        // Warm both before anything counts: the JIT's later tiers (and their PGO) settle within seconds of load.
        foreach (var path in paths)
        {
            await WrkRun.RunAsync(bareUrl + path, threads, connections, warmup);
            foreach (var target in targets.DistinctBy(t => t.Url))
            {
                await WrkRun.RunAsync(target.Url + path, threads, connections, warmup, target.Users > 1 ? scripts[target.Users] : null);
            }
        }

        var cpu = appHost?.Cpu() ?? (stack.ApiPid is { } apiPid ? new CpuMeter([("api", [apiPid])]) : null);
        // CPU milliseconds per 1,000 answers, by path, target and process group, summed over the runs.
        var cpuCost = new List<(string Path, string Target, long Answers, double[] Seconds)>();
        var results = paths.ToDictionary(p => p, _ => new List<(WrkRun Bare, Dictionary<string, WrkRun> Ours)>());
        for (var run = 0; run < runs; run++)
        {
            foreach (var path in paths)
            {
                var bare = await WrkRun.RunAsync(bareUrl + path, threads, connections, duration);
                var ours = new Dictionary<string, WrkRun>();
                foreach (var target in targets)
                {
                    var before = cpu?.Read();
                    ours[target.Label] = await WrkRun.RunAsync(target.Url + path, threads, connections, duration, target.Users > 1 ? scripts[target.Users] : null);
                    if (cpu is not null)
                    {
                        cpuCost.Add((path, target.Label, ours[target.Label].Requests, [.. cpu.Read().Zip(before!, (a, b) => a - b)]));
                    }
                }

                results[path].Add((bare, ours));
            }
        }

        var report = new
        {
            wrk = $"-t{threads} -c{connections} -d{duration.TotalSeconds}s --latency",
            api = stack.ApiUrl,
            shape = appHost is not null ? $"AppHost ({appHost.Configuration}), telemetry to the Aspire dashboard" : args.Contains("--url") ? "an api already running" : "services on their own, Production, no telemetry exporter",
            settings = Settings(args),
            students,
            runs,
            loadAverageBefore = loadBefore,
            loadAverageAfter = LoadAverage(),
            paths = paths.Select(path => Summary(path, bodies[path].Length, targets, results[path])).ToList(),
        };
        Console.WriteLine($"{report.shape}; {students} students; wrk {report.wrk}; median of {runs} run(s); load {report.loadAverageBefore} before, {report.loadAverageAfter} after");
        PrintTable(report.paths);
        if (cpu is not null)
        {
            PrintCpu(cpu.Names, cpuCost);
        }
        Console.WriteLine(JsonSerializer.Serialize(report, IndentedJson));
        Console.WriteLine($"logs and the served bytes: {work}");
        return 0;
    }

    private static PathSummary Summary(string path, int bytes, List<Target> targets, List<(WrkRun Bare, Dictionary<string, WrkRun> Ours)> runs) => new(
        path,
        bytes,
        Median(runs.Select(r => r.Bare.GoodPerSecond)),
        Median(runs.Select(r => r.Bare.P50Ms)),
        Median(runs.Select(r => r.Bare.P99Ms)),
        [.. targets.Select(t => t.Label).Select(u => new OursSummary(
            u,
            Median(runs.Select(r => r.Ours[u].GoodPerSecond)),
            Median(runs.Select(r => (double)(r.Ours[u].NotOk + r.Ours[u].SocketErrors))),
            Median(runs.Select(r => r.Ours[u].Requests == 0 ? 0 : 100.0 * (r.Ours[u].NotOk + r.Ours[u].SocketErrors) / r.Ours[u].Requests)),
            Median(runs.Select(r => r.Ours[u].P50Ms)),
            Median(runs.Select(r => r.Ours[u].P99Ms)),
            // Each ratio from one run (ours and bare measured back to back), then the median of those.
            Math.Round(Median(runs.Select(r => r.Ours[u].GoodPerSecond / r.Bare.GoodPerSecond)), 3)))]);

    private static void PrintTable(IReadOnlyList<PathSummary> paths)
    {
        Console.WriteLine($"{"path",-26} {"bytes",7} | {"bare 2xx/s",10} {"p50",6} {"p99",6} | {"ours",-25} {"ours 2xx/s",10} {"refused",8} {"p50",6} {"p99",6} {"ratio",6}");
        foreach (var p in paths)
        {
            foreach (var (o, i) in p.Ours.Select((o, i) => (o, i)))
            {
                var bare = i == 0 ? $"{p.Bytes,7} | {p.BareGoodPerSecond,10:F0} {p.BareP50Ms,6:F2} {p.BareP99Ms,6:F2}" : $"{"",7} | {"",10} {"",6} {"",6}";
                Console.WriteLine($"{(i == 0 ? p.Path : ""),-26} {bare} | {o.Target,-25} {o.GoodPerSecond,10:F0} {o.RefusedPercent,7:F1}% {o.P50Ms,6:F2} {o.P99Ms,6:F2} {o.Ratio,6:F3}");
            }
        }

        Console.WriteLine("req/s count 2xx answers only; refused = non-2xx answers and socket errors (median of runs); latency in ms; ratio = ours / bare, target >= 0.5 on /api/clusters and /api/responses?limit=50");
    }

    private static void PrintCpu(IReadOnlyList<string> names, List<(string Path, string Target, long Answers, double[] Seconds)> costs)
    {
        Console.WriteLine($"CPU ms per 1,000 answers while wrk ran: {string.Join(", ", names)}");
        foreach (var group in costs.GroupBy(c => (c.Path, c.Target)))
        {
            var answers = group.Sum(c => c.Answers);
            var perThousand = names.Select((_, i) => answers == 0 ? 0 : group.Sum(c => c.Seconds[i]) * 1_000_000 / answers);
            Console.WriteLine($"{group.Key.Path,-26} {group.Key.Target,-25} {string.Join(" ", perThousand.Select((ms, i) => $"{names[i]} {ms,6:F0}"))}");
        }
    }

    /// <summary>Each request as one of <paramref name="users"/> users behind the web: the web's forwarded address, proven by the internal key.</summary>
    private static string ForwardedUsersScript(string folder, int users, string internalKey)
    {
        var path = Path.Combine(folder, $"users-{users}.lua");
        File.WriteAllText(path, $$"""
            -- Written by the bench: every request says it is one of {{users}} users of the web (the api partitions its limits by them).
            local requests = {}
            local next = 0
            function init(args)
              for i = 1, {{users}} do
                requests[i] = wrk.format(nil, nil, { ["X-Dashboard-Client"] = "bench-user-" .. i, ["X-Dashboard-Key"] = "{{internalKey}}" })
              end
            end
            function request()
              next = next % {{users}} + 1
              return requests[next]
            end
            """);
        return path;
    }

    /// <summary>Fetches each path from the api once and writes its bytes and content type for the bare server.</summary>
    private static async Task<Dictionary<string, byte[]>> CopyAnswersAsync(string apiUrl, string[] paths, string folder)
    {
        using var http = new HttpClient();
        var bodies = new Dictionary<string, byte[]>();
        var index = new List<string>();
        foreach (var (path, i) in paths.Select((p, i) => (p, i)))
        {
            using var response = await http.GetAsync(apiUrl + path);
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadAsByteArrayAsync();
            var file = $"answer-{i}.bin";
            await File.WriteAllBytesAsync(Path.Combine(folder, file), body);
            index.Add($"{path.Split('?')[0]}\t{response.Content.Headers.ContentType}\t{file}");
            bodies[path] = body;
        }

        await File.WriteAllLinesAsync(Path.Combine(folder, BareEndpointCommand.IndexFile), index);
        return bodies;
    }

    private static async Task WaitForBareAsync(string bareUrl, Dictionary<string, byte[]> bodies)
    {
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        foreach (var (path, body) in bodies)
        {
            while (true)
            {
                try
                {
                    var served = await http.GetByteArrayAsync(bareUrl + path);
                    if (!served.AsSpan().SequenceEqual(body))
                    {
                        throw new InvalidOperationException($"The bare server answers {path} with other bytes than the api.");
                    }

                    break;
                }
                catch (HttpRequestException) when (DateTime.UtcNow < deadline)
                {
                    await Task.Delay(200);
                }
            }
        }
    }

    private static string LoadAverage() => string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
    }

    private static int Int(string[] args, string name, int fallback) => int.Parse(Option(args, name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

    private static string Option(string[] args, string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }

    /// <summary>What wrk loads besides the bare server: a label, the base address, and as how many users (the web's forwarded clients).</summary>
    private sealed record Target(string Label, string Url, int Users);

    /// <summary>Every <c>--set Key=Value</c>.</summary>
    private static List<string> Settings(string[] args) =>
        [.. args.Select((a, i) => (a, i)).Where(p => p.a == "--set" && p.i + 1 < args.Length).Select(p => args[p.i + 1])];

    private sealed record PathSummary(string Path, int Bytes, double BareGoodPerSecond, double BareP50Ms, double BareP99Ms, IReadOnlyList<OursSummary> Ours);

    private sealed record OursSummary(string Target, double GoodPerSecond, double Refused, double RefusedPercent, double P50Ms, double P99Ms, double Ratio);
}
