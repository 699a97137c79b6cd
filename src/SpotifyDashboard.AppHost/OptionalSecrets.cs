using Microsoft.Extensions.Configuration;

namespace SpotifyDashboard.AppHost;

/// <summary>
/// Secrets the app can run without. A parameter is only modelled when a value was given
/// (<c>Parameters:&lt;name&gt;</c> in user-secrets, environment or command line), so a fresh machine
/// starts in demo mode instead of waiting for someone to type credentials into the dashboard.
/// </summary>
public static class OptionalSecrets
{
    public static IResourceBuilder<ParameterResource>? AddOptionalSecret(this IDistributedApplicationBuilder builder, string name) =>
        string.IsNullOrWhiteSpace(builder.Configuration[$"Parameters:{name}"])
            ? null
            : builder.AddParameter(name, secret: true);

    public static IResourceBuilder<ProjectResource> WithSecret(
        this IResourceBuilder<ProjectResource> project,
        string environmentVariable,
        IResourceBuilder<ParameterResource>? secret) =>
        secret is null ? project : project.WithEnvironment(environmentVariable, secret);
}
