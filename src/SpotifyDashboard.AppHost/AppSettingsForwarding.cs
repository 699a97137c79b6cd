using Microsoft.Extensions.Configuration;

namespace SpotifyDashboard.AppHost;

/// <summary>
/// Passes the app's settings sections from the AppHost's configuration (command line,
/// environment, user-secrets) to a service, so a user configures everything in one place.
/// </summary>
public static class AppSettingsForwarding
{
    /// <summary>What the worker and the api read.</summary>
    public static readonly string[] BackendSections = ["Survey", "Spotify", "ReccoBeats", "Enrichment", "Analysis", "Privacy", "Demo", "RateLimits"];

    /// <summary>What the web front reads: its own sections, and the survey form's link for the join panel.</summary>
    public static readonly string[] WebSections = ["LiveFeed", "Dashboard", "Survey:FormUrl"];

    public static IResourceBuilder<ProjectResource> WithAppSettings(this IResourceBuilder<ProjectResource> project, IConfiguration configuration, params string[] sections)
    {
        foreach (var section in sections)
        {
            foreach (var (key, value) in configuration.GetSection(section).AsEnumerable())
            {
                if (value is not null)
                {
                    project.WithEnvironment(key.Replace(":", "__", StringComparison.Ordinal), value);
                }
            }
        }

        return project;
    }
}
