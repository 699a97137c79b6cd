using Microsoft.Extensions.Configuration;

namespace SpotifyDashboard.AppHost;

/// <summary>What the web needs once it is deployed behind an https ingress, rather than on this machine.</summary>
public static class DeployedWeb
{
    public const string SpotifyCallbackPath = "/auth/spotify/callback";

    /// <summary>
    /// When publishing without a configured <c>Spotify:RedirectUri</c>, the listener sign-in comes back to the web's own
    /// deployed https address (the address is only known to the deployment tool, so the manifest says it as an
    /// expression). The default, http://127.0.0.1:5080, would send a deployed app's listeners to their own machine.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithDeployedSpotifyRedirect(this IResourceBuilder<ProjectResource> web, IConfiguration configuration)
    {
        if (!web.ApplicationBuilder.ExecutionContext.IsPublishMode || !string.IsNullOrWhiteSpace(configuration["Spotify:RedirectUri"]))
        {
            return web;
        }

        var https = web.GetEndpoint("https");
        return web.WithEnvironment("Spotify__RedirectUri", ReferenceExpression.Create($"{https}{SpotifyCallbackPath}"));
    }
}
