using System.Globalization;
using System.Text.Json;

namespace SpotifyDashboard.Bench.Reads;

/// <summary>
/// <c>reads</c>: the api's hot reads against a bare ASP.NET Core endpoint serving the same bytes, both under
/// <c>wrk -t2 -c32 -d10s --latency</c> on this machine, in the same run. For each path: requests a second, p50/p99,
/// how many answers were not 2xx (refusals by the rate limits count as failures, not as throughput), and the ratio of
/// ours to bare. The api runs as shipped: its default settings, rate limits on.
/// </summary>
public sealed class ReadsBenchCommand : IBenchCommand
{
    private static readonly JsonSerializerOptions IndentedJson = new() { WriteIndented = true };

    private const string DefaultPaths = "/api/clusters,/api/responses?limit=50,/api/status";

    public string Name => "reads";

    public string Usage => "[--url http://127.0.0.1:5081 [--internal-key K]] [--students 50] [--paths " + DefaultPaths + "] [--users 1[,256]] [--runs 1] [--duration 10] [--warmup 10] [--connections 32] [--threads 2]";

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

        using var stack = args.Contains("--url")
            ? ReadsStack.Existing(Option(args, "--url", ""), args.Contains("--internal-key") ? Option(args, "--internal-key", "") : null)
            : await ReadsStack.StartAsync(students, work);
        if (users.Any(u => u > 1) && stack.InternalKey is null)
        {
            Console.Error.WriteLine("--users above 1 sends requests as the web does for its users: give --internal-key with --url (or let the bench start the api)");
            return 2;
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
            await WrkRun.RunAsync(stack.ApiUrl + path, threads, connections, warmup, users.Max() > 1 ? scripts[users.Max()] : null);
        }

        var results = paths.ToDictionary(p => p, _ => new List<(WrkRun Bare, Dictionary<int, WrkRun> Ours)>());
        for (var run = 0; run < runs; run++)
        {
            foreach (var path in paths)
            {
                var bare = await WrkRun.RunAsync(bareUrl + path, threads, connections, duration);
                var ours = new Dictionary<int, WrkRun>();
                foreach (var u in users)
                {
                    ours[u] = await WrkRun.RunAsync(stack.ApiUrl + path, threads, connections, duration, u > 1 ? scripts[u] : null);
                }

                results[path].Add((bare, ours));
            }
        }

        var report = new
        {
            wrk = $"-t{threads} -c{connections} -d{duration.TotalSeconds}s --latency",
            api = stack.ApiUrl,
            students,
            runs,
            loadAverageBefore = loadBefore,
            loadAverageAfter = LoadAverage(),
            paths = paths.Select(path => Summary(path, bodies[path].Length, users, results[path])).ToList(),
        };
        PrintTable(report.paths, users);
        Console.WriteLine(JsonSerializer.Serialize(report, IndentedJson));
        Console.WriteLine($"logs and the served bytes: {work}");
        return 0;
    }

    private static PathSummary Summary(string path, int bytes, int[] users, List<(WrkRun Bare, Dictionary<int, WrkRun> Ours)> runs) => new(
        path,
        bytes,
        Median(runs.Select(r => r.Bare.GoodPerSecond)),
        Median(runs.Select(r => r.Bare.P50Ms)),
        Median(runs.Select(r => r.Bare.P99Ms)),
        [.. users.Select(u => new OursSummary(
            u,
            Median(runs.Select(r => r.Ours[u].GoodPerSecond)),
            Median(runs.Select(r => (double)(r.Ours[u].NotOk + r.Ours[u].SocketErrors))),
            Median(runs.Select(r => r.Ours[u].Requests == 0 ? 0 : 100.0 * (r.Ours[u].NotOk + r.Ours[u].SocketErrors) / r.Ours[u].Requests)),
            Median(runs.Select(r => r.Ours[u].P50Ms)),
            Median(runs.Select(r => r.Ours[u].P99Ms)),
            // Each ratio from one run (ours and bare measured back to back), then the median of those.
            Math.Round(Median(runs.Select(r => r.Ours[u].GoodPerSecond / r.Bare.GoodPerSecond)), 3)))]);

    private static void PrintTable(IReadOnlyList<PathSummary> paths, int[] users)
    {
        Console.WriteLine($"{"path",-26} {"bytes",7} | {"bare 2xx/s",10} {"p50",6} {"p99",6} | {"users",5} {"ours 2xx/s",10} {"refused",8} {"p50",6} {"p99",6} {"ratio",6}");
        foreach (var p in paths)
        {
            foreach (var (o, i) in p.Ours.Select((o, i) => (o, i)))
            {
                var bare = i == 0 ? $"{p.Bytes,7} | {p.BareGoodPerSecond,10:F0} {p.BareP50Ms,6:F2} {p.BareP99Ms,6:F2}" : $"{"",7} | {"",10} {"",6} {"",6}";
                Console.WriteLine($"{(i == 0 ? p.Path : ""),-26} {bare} | {o.Users,5} {o.GoodPerSecond,10:F0} {o.RefusedPercent,7:F1}% {o.P50Ms,6:F2} {o.P99Ms,6:F2} {o.Ratio,6:F3}");
            }
        }

        Console.WriteLine("req/s count 2xx answers only; refused = non-2xx answers and socket errors (median of runs); latency in ms");
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

    private sealed record PathSummary(string Path, int Bytes, double BareGoodPerSecond, double BareP50Ms, double BareP99Ms, IReadOnlyList<OursSummary> Ours);

    private sealed record OursSummary(int Users, double GoodPerSecond, double Refused, double RefusedPercent, double P50Ms, double P99Ms, double Ratio);
}
