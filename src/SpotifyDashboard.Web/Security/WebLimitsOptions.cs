using System.ComponentModel.DataAnnotations;

namespace SpotifyDashboard.Web.Security;

/// <summary>
/// The <c>WebLimits</c> section: what one address (and everybody together, for the teacher's password) may ask of the web
/// itself, before anything reaches the api. A lecture hall's phones often share one NAT address, so the per-address
/// numbers are sized for a whole class behind one.
/// </summary>
public sealed class WebLimitsOptions
{
    public const string SectionName = "WebLimits";

    /// <summary>Wrong teacher passwords from one address within <see cref="TeacherFailureWindow"/>; past it even the right one gets 429.</summary>
    [Range(1, 1000)]
    public int TeacherFailuresPerAddress { get; set; } = 5;

    /// <summary>Wrong teacher passwords from all addresses together within <see cref="TeacherFailureWindow"/> (guessing from many addresses).</summary>
    [Range(1, 100_000)]
    public int TeacherFailuresOverall { get; set; } = 30;

    /// <summary>How long failures count; a refused address or a refused web waits until the window in which they happened ends.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan TeacherFailureWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Every answer to a teacher's password takes this long, right or wrong, so timing tells nothing.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:05")]
    public TimeSpan TeacherAnswerTime { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Starts of the Spotify sign-in per address and minute (each one keeps a pending sign-in for 10 minutes).</summary>
    [Range(1, 100_000)]
    public int SpotifySignInsPerMinute { get; set; } = 20;

    /// <summary>Open circuits (interactive pages: one per tab) per address at once.</summary>
    [Range(1, 100_000)]
    public int CircuitsPerAddress { get; set; } = 600;
}
