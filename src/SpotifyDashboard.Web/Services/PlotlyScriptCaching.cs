namespace SpotifyDashboard.Web.Services;

/// <summary>
/// plotly.js is 4.8 MB (1.1 MB as brotli, 1.5 MB gzip). The static-asset pipeline serves the package's fingerprinted
/// copy uncompressed and only the plain path compressed, with <c>no-cache</c>. The plain path carries plotly's
/// version, so a newer plotly arrives under a new name: this marks it immutable, and a browser fetches it
/// compressed once and then never asks again.
/// </summary>
public static class PlotlyScriptCaching
{
    public static IApplicationBuilder UsePlotlyScriptCaching(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.Equals("/" + PlotlyChart.PlotlyScript, StringComparison.Ordinal))
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
