using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SpotifyDashboard.Core.Ingestion;
using SpotifyDashboard.Core.Options;
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
            .WithSummary("Rows of the active source that could not be used, with their row number, raw values and every reason");
        api.MapGet("/status/ingestion", GetIngestionStatus)
            .WithName("GetIngestionStatus")
            .WithSummary("The header mapping found in the active source and its last read error");

        return app;
    }

    public static async Task<Results<Ok<QuarantinePage>, ValidationProblem>> GetQuarantine(
        [AsParameters] PageRequest page,
        QuarantineStore store,
        IOptions<SurveyOptions> survey)
    {
        var errors = page.Validate(MaxLimit);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid paging values");
        }

        return TypedResults.Ok(await store.GetPageAsync(survey.StorageName(), page.OffsetOr(0), page.LimitOr(DefaultLimit)));
    }

    public static async Task<Ok<IngestionStatus>> GetIngestionStatus(
        QuarantineStore store,
        SourceStatusStore statuses,
        IOptions<SurveyOptions> survey) =>
        TypedResults.Ok(await store.GetIngestionStatusAsync(survey.StorageName(), statuses));
}
