using System.Globalization;

namespace SpotifyDashboard.Bench.EndToEnd;

/// <summary>
/// A process's resident memory as the kernel counts it (<c>/proc/&lt;pid&gt;/status</c>): <see cref="PeakMb"/> is
/// <c>VmHWM</c>, the most it ever held resident since it started; <see cref="ResidentMb"/> is <c>VmRSS</c>, now.
/// </summary>
public sealed record ProcessMemory(string Name, int Pid, double PeakMb, double ResidentMb)
{
    public static ProcessMemory Read(string name, int pid)
    {
        var fields = File.ReadLines($"/proc/{pid}/status")
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1].Trim());
        return new ProcessMemory(name, pid, Megabytes(fields["VmHWM"]), Megabytes(fields["VmRSS"]));
    }

    /// <summary>"123456 kB" as MB.</summary>
    private static double Megabytes(string kilobytes) =>
        long.Parse(kilobytes.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture) / 1024.0;
}
