using System.ComponentModel.DataAnnotations;

namespace SpotifyDashboard.ServiceDefaults.Memory;

/// <summary>
/// When a service hands the memory of its garbage back to the OS (section <c>Memory:Trim</c>). The defaults suit
/// every service here; an <see cref="Interval"/> of zero turns trimming off.
/// </summary>
public sealed class HeapTrimOptions
{
    public const string SectionName = "Memory:Trim";

    /// <summary>How often the trimmer looks at what the process has allocated.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Less than this since the last trim is not worth a full collection.</summary>
    [Range(0, 1_000_000)]
    public int MinimumAllocatedMegabytes { get; set; } = 32;

    /// <summary>A look that finds less than this allocated since the previous one finds the service quiet.</summary>
    [Range(0, 1_000_000)]
    public int QuietBelowMegabytes { get; set; } = 8;

    /// <summary>
    /// A service is trimmed at least this often while it allocates anything: one that never goes quiet, and one that
    /// idles while memory it let go (pooled blocks, slowly released) waits for a full collection.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan LongestWithoutTrim { get; set; } = TimeSpan.FromMinutes(5);
}
