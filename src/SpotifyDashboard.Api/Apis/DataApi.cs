namespace SpotifyDashboard.Api.Apis;

/// <summary>
/// The class's current answers joined with the latest analysis, filtered and sorted on the server from the
/// in-memory <see cref="ClassTable"/>: one page for the grid, or every matching row as CSV or JSON. Pseudonyms only.
/// </summary>
public static class DataApi
{
    public static IEndpointRouteBuilder MapDataApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Data");

        api.MapGet("/data", GetData)
            .Validates<DataRequest>("Invalid data query", r => r.Validate())
            .WithName("GetData")
            .WithSummary("One page of the current answers with their cluster, PCA point and Music DNA score; filter by text, major, year, cluster, enrichment state; sort by any column");
        api.MapGet("/export.csv", ExportCsv)
            .Validates<DataRequest>("Invalid data query", r => r.Validate())
            .WithName("ExportCsv")
            .WithSummary("Every answer matching the /api/data filters, in its order, as a CSV file (UTF-8 with BOM, formula-like cells neutralized)");
        api.MapGet("/export.json", ExportJson)
            .Validates<DataRequest>("Invalid data query", r => r.Validate())
            .WithName("ExportJson")
            .WithSummary("Every answer matching the /api/data filters, in its order, as a JSON file of data rows");

        return app;
    }

    public static async Task<Ok<DataPage>> GetData([AsParameters] DataRequest request, ClassDataCache data, CancellationToken cancellationToken)
    {
        var query = request.ToQuery();
        var view = await data.GetAsync(cancellationToken);
        var matching = view.Select(query);
        var page = matching.Skip(query.Offset ?? 0).Take(query.Limit ?? DataRequest.DefaultLimit).Select(r => r.Row).ToList();
        return TypedResults.Ok(new DataPage(matching.Count, view.Rows.Count, view.Analysis?.Version, page, view.Facets));
    }

    public static async Task<FileContentHttpResult> ExportCsv(
        [AsParameters] DataRequest request, ClassDataCache data, TimeProvider time, HttpContext context, CancellationToken cancellationToken) =>
        TypedResults.File(DataCsvWriter.Write(await ExportAsync(request, data, time, context, "csv", cancellationToken)), "text/csv; charset=utf-8");

    public static async Task<Ok<List<DataRow>>> ExportJson(
        [AsParameters] DataRequest request, ClassDataCache data, TimeProvider time, HttpContext context, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ExportAsync(request, data, time, context, "json", cancellationToken));

    /// <summary>
    /// Every matching row, with the attachment header that names the file
    /// <c>spotifydashboard-&lt;source&gt;-&lt;yyyyMMdd-HHmm&gt;.&lt;extension&gt;</c>, the time in UTC.
    /// </summary>
    private static async Task<List<DataRow>> ExportAsync(
        DataRequest request, ClassDataCache data, TimeProvider time, HttpContext context, string extension, CancellationToken cancellationToken)
    {
        var view = await data.GetAsync(cancellationToken);
        // Written by hand: the framework's own header form adds a filename* twin and leaves plain names unquoted.
        var now = time.GetUtcNow().ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture);
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"spotifydashboard-{view.Source}-{now}.{extension}\"";
        return [.. view.Select(request.ToQuery()).Select(r => r.Row)];
    }
}
