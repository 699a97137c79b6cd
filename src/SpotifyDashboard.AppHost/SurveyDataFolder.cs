using Microsoft.Extensions.Configuration;

namespace SpotifyDashboard.AppHost;

/// <summary>
/// Where the api keeps the teacher's upload and choice of source as files (<c>ActiveSource:DataPath</c>), apart from the
/// cache's own data: the cache holds copies and gets them back from here when it loses them.
/// </summary>
public static class SurveyDataFolder
{
    public const string Setting = "ActiveSource:DataPath";

    /// <summary>
    /// The api's folder in the deployed container: its own folder on the file share that <c>infra/api.tmpl.yaml</c> mounts
    /// at <c>/mnt/data</c> (the share that also holds the cache's files, which a lost cache leaves alone).
    /// </summary>
    public const string DeployedPath = "/mnt/data/survey";

    /// <summary>
    /// Running: <c>ActiveSource:DataPath</c> (relative to the AppHost), by default <c>.data/survey</c> in the repository,
    /// beside the cache's <c>.data/garnet</c> and shared by every api replica. Publishing: the deployed volume's mount.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithSurveyDataFolder(this IResourceBuilder<ProjectResource> api, IConfiguration configuration)
    {
        var builder = api.ApplicationBuilder;
        var path = builder.ExecutionContext.IsPublishMode
            ? DeployedPath
            : configuration[Setting] is { Length: > 0 } configured
                ? Path.GetFullPath(configured, builder.AppHostDirectory)
                : Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "..", ".data", "survey"));
        return api.WithEnvironment(Setting.Replace(":", "__", StringComparison.Ordinal), path);
    }
}
