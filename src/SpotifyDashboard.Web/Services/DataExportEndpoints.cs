namespace SpotifyDashboard.Web.Services;

/// <summary>
/// <c>/data/export.csv</c> and <c>/data/export.json</c>: the Data page's download links. The browser never talks to
/// the api (it may not be reachable from outside), so the web passes the api's export through as it streams.
/// </summary>
public static class DataExportEndpoints
{
    private static readonly HashSet<string> Formats = ["csv", "json"];

    public static IEndpointRouteBuilder MapDataExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/data/export.{format}", ExportAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task ExportAsync(string format, HttpContext context, DashboardApiClient api)
    {
        if (!Formats.Contains(format))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var query = context.Request.QueryString.HasValue ? context.Request.QueryString.Value![1..] : "";
        try
        {
            using var upstream = await api.GetExportAsync(format, query, context.RequestAborted);
            context.Response.StatusCode = (int)upstream.StatusCode;
            foreach (var header in new[] { "Content-Type", "Content-Disposition" })
            {
                if (upstream.Content.Headers.TryGetValues(header, out var values))
                {
                    context.Response.Headers[header] = values.ToArray();
                }
            }

            await upstream.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
        catch (HttpRequestException)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await context.Response.WriteAsync("The api is not answering; try the export again in a moment.", context.RequestAborted);
        }
    }
}
