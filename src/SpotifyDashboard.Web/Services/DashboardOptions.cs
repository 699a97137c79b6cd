using System.ComponentModel.DataAnnotations;

namespace SpotifyDashboard.Web.Services;

/// <summary>The web front's own settings: the <c>Dashboard</c> section.</summary>
public sealed class DashboardOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>
    /// How often an analysis page asks the api for news while the event stream is down. Pushed changes show at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan FallbackRefreshInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often an open page asks the api whether the cache and the worker work (the "degraded" banner).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan HealthCheckInterval { get; set; } = TimeSpan.FromSeconds(15);
}
