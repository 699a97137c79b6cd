using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace SpotifyDashboard.Bench.Reads;

/// <summary>
/// One run of Debian's <c>wrk</c> (<c>apt-get install -y wrk</c>) and what it printed: requests a second, the latency
/// percentiles, and how many answers were not 2xx/3xx. <see cref="GoodPerSecond"/> counts only the answered ones:
/// a 429 is a refusal, not throughput.
/// </summary>
public sealed partial record WrkRun(string Url, double RequestsPerSecond, long Requests, long NotOk, long SocketErrors, double P50Ms, double P99Ms)
{
    public double GoodPerSecond => Requests == 0 ? 0 : RequestsPerSecond * (Requests - NotOk - SocketErrors) / Requests;

    /// <param name="script">A wrk Lua script (e.g. one that sends each request as another user), or null.</param>
    public static async Task<WrkRun> RunAsync(string url, int threads, int connections, TimeSpan duration, string? script = null)
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { $"-t{threads}", $"-c{connections}", $"-d{(int)duration.TotalSeconds}s", "--latency" })
        {
            start.ArgumentList.Add(arg);
        }

        if (script is not null)
        {
            start.ArgumentList.Add("-s");
            start.ArgumentList.Add(script);
        }

        start.ArgumentList.Add(url);
        using var wrk = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start: apt-get install -y wrk");
        var output = wrk.StandardOutput.ReadToEndAsync();
        var errors = wrk.StandardError.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        if (wrk.ExitCode != 0)
        {
            throw new InvalidOperationException($"wrk {url} exited {wrk.ExitCode}: {await errors}");
        }

        return Parse(url, await output);
    }

    public static WrkRun Parse(string url, string output)
    {
        var socketErrors = SocketErrorsLine().Match(output) is { Success: true } s
            ? s.Groups.Cast<Group>().Skip(1).Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture))
            : 0;
        return new WrkRun(
            url,
            double.Parse(RequestsPerSecondLine().Match(output).Groups[1].Value, CultureInfo.InvariantCulture),
            long.Parse(RequestsLine().Match(output).Groups[1].Value, CultureInfo.InvariantCulture),
            NotOkLine().Match(output) is { Success: true } n ? long.Parse(n.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            socketErrors,
            Percentile(output, "50"),
            Percentile(output, "99"));
    }

    private static double Percentile(string output, string percent)
    {
        var match = Regex.Match(output, $@"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }

    [GeneratedRegex(@"^Requests/sec:\s+([\d.]+)", RegexOptions.Multiline)]
    private static partial Regex RequestsPerSecondLine();

    [GeneratedRegex(@"^\s+(\d+) requests in", RegexOptions.Multiline)]
    private static partial Regex RequestsLine();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex NotOkLine();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrorsLine();
}
