using System.Diagnostics;
using SpotifyDashboard.Bench.Reads;

namespace SpotifyDashboard.Bench.EndToEnd;

/// <summary>
/// A short read load on one path: Debian's wrk when it is installed (<c>-t2 -c16</c>, after a warm-up), otherwise
/// sequential GETs from the bench. Only 2xx answers count as served.
/// </summary>
public static class ReadLoad
{
    private const int Threads = 2;
    private const int Connections = 16;
    private const int SequentialRequests = 200;

    public static bool WrkInstalled { get; } = File.Exists("/usr/bin/wrk") || File.Exists("/usr/local/bin/wrk");

    public static string Description(TimeSpan duration) => WrkInstalled
        ? $"wrk -t{Threads} -c{Connections} -d{duration.TotalSeconds:0}s after a {WarmUp(duration).TotalSeconds:0} s warm-up, per path"
        : $"{SequentialRequests} sequential GETs per path (wrk not installed)";

    public static async Task<ReadFigures> RunAsync(HttpClient http, string url, TimeSpan duration)
    {
        if (WrkInstalled)
        {
            await WrkRun.RunAsync(url, Threads, Connections, WarmUp(duration));
            var run = await WrkRun.RunAsync(url, Threads, Connections, duration);
            return new ReadFigures(run.GoodPerSecond, run.P50Ms, run.P99Ms, run.NotOk + run.SocketErrors);
        }

        var latencies = new List<double>();
        var failed = 0;
        var total = Stopwatch.StartNew();
        for (var i = 0; i < SequentialRequests; i++)
        {
            var one = Stopwatch.StartNew();
            using var response = await http.GetAsync(url);
            await response.Content.ReadAsByteArrayAsync();
            latencies.Add(one.Elapsed.TotalMilliseconds);
            failed += response.IsSuccessStatusCode ? 0 : 1;
        }

        latencies.Sort();
        return new ReadFigures((SequentialRequests - failed) / total.Elapsed.TotalSeconds, latencies[latencies.Count / 2], latencies[(int)(latencies.Count * 0.99)], failed);
    }

    private static TimeSpan WarmUp(TimeSpan duration) => TimeSpan.FromSeconds(Math.Max(1, duration.TotalSeconds / 2));
}

public sealed record ReadFigures(double GoodPerSecond, double P50Ms, double P99Ms, long Refused);
