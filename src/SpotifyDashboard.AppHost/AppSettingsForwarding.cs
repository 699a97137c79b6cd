using Microsoft.Extensions.Configuration;

namespace SpotifyDashboard.AppHost;

/// <summary>
/// Passes the app's settings sections from the AppHost's configuration (command line,
/// environment, user-secrets) to a service, so a user configures everything in one place.
/// </summary>
public static class AppSettingsForwarding
{
    public static readonly string[] Sections = ["Survey", "Spotify", "ReccoBeats", "Enrichment", "Analysis", "Privacy", "Demo"];

    public static IResourceBuilder<ProjectResource> WithAppSettings(this IResourceBuilder<ProjectResource> project, IConfiguration configuration)
    {
        foreach (var section in Sections)
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
