using System.ComponentModel.DataAnnotations;

namespace SpotifyDashboard.Core.Configuration;

/// <summary>The <c>Demo</c> section: the generated class used when no real source is configured.</summary>
public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    public int Seed { get; set; } = 42;

    /// <summary>How many students exist at start.</summary>
    [Range(1, 100_000)]
    public int InitialStudents { get; set; } = 50;

    /// <summary>A new student arrives this often, so the app is visibly live.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan NewResponseInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>New arrivals stop here, so a demo left running for days stays small.</summary>
    [Range(1, 1_000_000)]
    public int MaxStudents { get; set; } = 500;
}
