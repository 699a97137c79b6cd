using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SpotifyDashboard.Api.Sources;
using SpotifyDashboard.Core.Contracts;
using SpotifyDashboard.Core.Storage;

namespace SpotifyDashboard.Api.Apis;

public static class ResponsesApi
{
    public const int MaxLimit = 500;
    public const int DefaultLimit = 50;

    public static IEndpointRouteBuilder MapResponsesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/responses").WithTags("Responses");

        api.MapGet("/", GetResponses)
            .WithName("GetResponses")
            .WithSummary("Survey responses of the active source, newest first, with pseudonyms instead of names");
        api.MapGet("/{id}", GetResponse)
            .WithName("GetResponse")
            .WithSummary("One survey response by id");

        return app;
    }

    public static async Task<Results<Ok<ResponsePage>, ValidationProblem>> GetResponses(
        [AsParameters] PageRequest page,
        SurveyResponseStore store,
        ActiveSourceHolder activeSource,
        CancellationToken cancellationToken)
    {
        var errors = page.Validate(MaxLimit);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid paging values");
        }

        var source = (await activeSource.GetAsync(cancellationToken)).StorageName;
        var total = await store.CountAsync(source);
        var items = await store.GetPageAsync(source, page.OffsetOr(0), page.LimitOr(DefaultLimit));
        return TypedResults.Ok(new ResponsePage(total, [.. items.Select(ResponseItem.From)]));
    }

    public static async Task<Results<Ok<ResponseItem>, NotFound<ProblemDetails>>> GetResponse(
        string id,
        SurveyResponseStore store,
        ActiveSourceHolder activeSource,
        CancellationToken cancellationToken)
    {
        var item = await store.GetAsync((await activeSource.GetAsync(cancellationToken)).StorageName, id);
        return item is null
            ? TypedResults.NotFound(new ProblemDetails { Title = "No such response", Detail = $"No response has the id '{id}'.", Status = 404 })
            : TypedResults.Ok(ResponseItem.From(item));
    }
}
