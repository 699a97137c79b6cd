using System.Globalization;

namespace SpotifyDashboard.Bench.Reads;

/// <summary>
/// CPU time (user + system, from /proc/&lt;pid&gt;/stat) of named groups of processes, read around a wrk run: what each
/// answer cost the api and what it cost beside it (the Aspire dashboard receiving telemetry, DCP's proxy). On a shared
/// machine this varies less than requests a second, which follow what else runs.
/// </summary>
public sealed class CpuMeter(IReadOnlyList<(string Name, int[] Pids)> groups)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    public IReadOnlyList<string> Names => [.. groups.Select(g => g.Name)];

    public double[] Read() => [.. groups.Select(g => g.Pids.Sum(Seconds))];

    private static double Seconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The fields after the command name (in parentheses, which may hold spaces): utime and stime are the 12th and 13th.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>Every process now: id, parent id and command line.</summary>
    internal static Dictionary<int, (int Parent, string CommandLine)> Processes()
    {
        var all = new Dictionary<int, (int, string)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
                all[pid] = (parent, File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' '));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // It ended while we looked.
            }
        }

        return all;
    }
}
