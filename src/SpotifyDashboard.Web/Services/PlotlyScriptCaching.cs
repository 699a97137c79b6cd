namespace SpotifyDashboard.Web.Services;

/// <summary>
/// The plotly bundles are the page's largest files (1.1 and 1.7 MB, 0.38 and 0.55 MB gzip). The static-asset pipeline
/// serves their plain paths compressed but with <c>no-cache</c>, so a browser would ask again on every visit. Their
/// names carry plotly's version and a new build of the same version is the same bytes, so this marks them immutable:
/// a browser fetches each compressed once and then never asks again.
/// </summary>
public static class PlotlyScriptCaching
{
    public static IApplicationBuilder UsePlotlyScriptCaching(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/" + PlotlyBundles.Folder.TrimEnd('/'), StringComparison.Ordinal))
            {
                context.Response.OnStarting(() =>
                {
                    if (context.Response.StatusCode == StatusCodes.Status200OK)
                    {
                        context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
                    }

                    return Task.CompletedTask;
                });
            }

            await next(context);
        });
}
