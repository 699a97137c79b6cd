using Microsoft.Extensions.Configuration;

namespace SpotifyDashboard.AppHost;

/// <summary>
/// Runs several replicas of a service locally when the AppHost's configuration asks (<c>Scale:Workers</c>,
/// <c>Scale:Apis</c>), to try what a scaled-out deployment does: one worker leads, the others wait; every api serves the
/// same data. One replica each by default. Publishing ignores it: a deployment's replicas are set where it is deployed
/// (docs/deploy.md, "Scaling out").
/// </summary>
public static class Scaling
{
    public const string Workers = "Scale:Workers";

    public const string Apis = "Scale:Apis";

    /// <summary>More would only share the 2–4 cores of a development machine.</summary>
    public const int MaxReplicas = 4;

    public static IResourceBuilder<ProjectResource> WithReplicasFrom(this IResourceBuilder<ProjectResource> project, IConfiguration configuration, string key)
    {
        var replicas = configuration.GetValue<int?>(key) ?? 1;
        if (replicas is < 1 or > MaxReplicas)
        {
            throw new InvalidOperationException($"{key} must be between 1 and {MaxReplicas}; it is {replicas}.");
        }

        return replicas == 1 || project.ApplicationBuilder.ExecutionContext.IsPublishMode ? project : project.WithReplicas(replicas);
    }
}
