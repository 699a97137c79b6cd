using Microsoft.AspNetCore.Http.HttpResults;
using SpotifyDashboard.Api.Sources;
using SpotifyDashboard.Core.Contracts;
using SpotifyDashboard.Core.Ingestion;
using SpotifyDashboard.Core.Storage;

namespace SpotifyDashboard.Api.Apis;

public static class QuarantineApi
{
    public const int MaxLimit = 1000;
    public const int DefaultLimit = 200;

    public static IEndpointRouteBuilder MapQuarantineApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Quarantine");

        api.MapGet("/quarantine", GetQuarantine)
            .WithName("GetQuarantine")
            .WithSummary("Rows of the active source that could not be used: row number, every reason and the survey fields that identify nobody");
        api.MapGet("/status/ingestion", GetIngestionStatus)
            .WithName("GetIngestionStatus")
            .WithSummary("The header mapping found in the active source and its last read error");

        return app;
    }

    public static async Task<Results<Ok<ClassQuarantinePage>, ValidationProblem>> GetQuarantine(
        [AsParameters] PageRequest page,
        QuarantineStore store,
        ActiveSource activeSource,
        CancellationToken cancellationToken)
    {
        var errors = page.Validate(MaxLimit);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid paging values");
        }

        var source = (await activeSource.GetAsync(cancellationToken)).StorageName;
        var all = await store.GetAllAsync(source);
        var columns = await store.GetColumnsAsync(source);
        var items = all.Skip(page.OffsetOr(0)).Take(page.LimitOr(DefaultLimit)).Select(r => QuarantineFields.ForClass(r, columns));
        return TypedResults.Ok(new ClassQuarantinePage(all.Count, [.. items]));
    }

    public static async Task<Ok<IngestionStatus>> GetIngestionStatus(
        QuarantineStore store,
        SourceStatusStore statuses,
        ActiveSource activeSource,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.GetIngestionStatusAsync((await activeSource.GetAsync(cancellationToken)).StorageName, statuses));
}
