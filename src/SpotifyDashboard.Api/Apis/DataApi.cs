using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using SpotifyDashboard.Api.Data;
using SpotifyDashboard.Core.Contracts.Dashboard;

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
            .WithName("GetData")
            .WithSummary("One page of the current answers with their cluster, PCA point and Music DNA score; filter by text, major, year, cluster, enrichment state; sort by any column");
        api.MapGet("/export.csv", ExportCsv)
            .WithName("ExportCsv")
            .WithSummary("Every answer matching the /api/data filters, in its order, as a CSV file (UTF-8 with BOM, formula-like cells neutralized)");
        api.MapGet("/export.json", ExportJson)
            .WithName("ExportJson")
            .WithSummary("Every answer matching the /api/data filters, in its order, as a JSON file of data rows");

        return app;
    }

    public static async Task<Results<Ok<DataPage>, ValidationProblem>> GetData(
        [AsParameters] DataRequest request,
        ClassDataCache data,
        CancellationToken cancellationToken)
    {
        var errors = request.Validate();
        if (errors.Count > 0)
        {
            return InvalidQuery(errors);
        }

        var query = request.ToQuery();
        var view = await data.GetAsync(cancellationToken);
        var matching = view.Select(query);
        var page = matching.Skip(query.Offset ?? 0).Take(query.Limit ?? DataRequest.DefaultLimit).Select(r => r.Row).ToList();
        return TypedResults.Ok(new DataPage(matching.Count, view.Rows.Count, view.Analysis?.Version, page, view.Facets));
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem>> ExportCsv(
        [AsParameters] DataRequest request,
        ClassDataCache data,
        TimeProvider time,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var errors = request.Validate();
        if (errors.Count > 0)
        {
            return InvalidQuery(errors);
        }

        var view = await data.GetAsync(cancellationToken);
        var rows = view.Select(request.ToQuery()).Select(r => r.Row);
        SetAttachment(context, FileName(view.Source, time, "csv"));
        return TypedResults.File(DataCsvWriter.Write(rows), "text/csv; charset=utf-8");
    }

    public static async Task<Results<Ok<List<DataRow>>, ValidationProblem>> ExportJson(
        [AsParameters] DataRequest request,
        ClassDataCache data,
        TimeProvider time,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var errors = request.Validate();
        if (errors.Count > 0)
        {
            return InvalidQuery(errors);
        }

        var view = await data.GetAsync(cancellationToken);
        var rows = view.Select(request.ToQuery()).Select(r => r.Row).ToList();
        SetAttachment(context, FileName(view.Source, time, "json"));
        return TypedResults.Ok(rows);
    }

    /// <summary><c>spotifydashboard-&lt;source&gt;-&lt;yyyyMMdd-HHmm&gt;.&lt;extension&gt;</c>, the time in UTC.</summary>
    public static string FileName(string source, TimeProvider time, string extension) =>
        $"spotifydashboard-{source}-{time.GetUtcNow().ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture)}.{extension}";

    // Written by hand: the framework's own header form adds a filename* twin and leaves plain names unquoted.
    private static void SetAttachment(HttpContext context, string fileName) =>
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";

    private static ValidationProblem InvalidQuery(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "Invalid data query");
}
