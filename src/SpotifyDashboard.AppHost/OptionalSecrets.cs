using Microsoft.Extensions.Configuration;

namespace SpotifyDashboard.AppHost;

/// <summary>
/// Secrets the app can run without. When running, a parameter is only modelled when a value was given
/// (<c>Parameters:&lt;name&gt;</c> in user-secrets, environment or command line), so a fresh machine starts in demo
/// mode instead of waiting for someone to type credentials into the dashboard. When publishing, every one of them is a
/// parameter: a deployment tool (azd) asks for each and stores it as a Container Apps secret, and the committed
/// Container Apps templates (<c>infra/*.tmpl.yaml</c>) can refer to all of them.
/// </summary>
public static class OptionalSecrets
{
    /// <summary>The secret a deployment may go without: only the GoogleSheet source reads it.</summary>
    public const string GoogleServiceAccount = "google-service-account";

    /// <summary>AppHost setting: publish without asking for <see cref="GoogleServiceAccount"/> (a class on CSV, upload or demo data).</summary>
    public const string WithoutGoogleSheetSetting = "Deploy:WithoutGoogleSheet";

    public static IResourceBuilder<ParameterResource>? AddOptionalSecret(this IDistributedApplicationBuilder builder, string name)
    {
        if (builder.ExecutionContext.IsPublishMode)
        {
            // Left out, the parameter still exists, so the templates that name it stay valid, but azd fills it with a
            // random value instead of asking for a key the class does not have. Nothing reads that value unless the
            // survey source is switched to GoogleSheet, and then the worker says the key is not usable.
            return name == GoogleServiceAccount && builder.Configuration.GetValue<bool>(WithoutGoogleSheetSetting)
                ? builder.AddParameter(name, new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true)
                : builder.AddParameter(name, secret: true);
        }

        return string.IsNullOrWhiteSpace(builder.Configuration[$"Parameters:{name}"])
            ? null
            : builder.AddParameter(name, secret: true);
    }

    public static IResourceBuilder<ProjectResource> WithSecret(
        this IResourceBuilder<ProjectResource> project,
        string environmentVariable,
        IResourceBuilder<ParameterResource>? secret) =>
        secret is null ? project : project.WithEnvironment(environmentVariable, secret);
}
