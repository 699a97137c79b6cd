using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SpotifyDashboard.Api.Answers;
using SpotifyDashboard.Api.Data;
using SpotifyDashboard.Api.Sources;
using SpotifyDashboard.Core.Contracts;
using SpotifyDashboard.Core.Storage;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

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

    /// <summary>
    /// From the api's copy of the class (<see cref="ClassDataCache"/>, reloaded after each <c>response-added</c> or
    /// <c>responses-enriched</c> event), each page serialized once per load, with an ETag; not from the store per request.
    /// </summary>
    public static async Task<Results<JsonAnswerResult<ResponsePage>, ValidationProblem>> GetResponses(
        [AsParameters] PageRequest page,
        ClassDataCache data,
        ActiveSource activeSource,
        IOptions<JsonOptions> json,
        CancellationToken cancellationToken)
    {
        var errors = page.Validate(MaxLimit);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid paging values");
        }

        var responses = await data.GetResponsesAsync((await activeSource.GetAsync(cancellationToken)).StorageName, cancellationToken);
        var (offset, limit) = (page.OffsetOr(0), page.LimitOr(DefaultLimit));
        var answer = await responses.Answers.GetOrAddAsync(
            $"{offset}:{limit}",
            static s => JsonAnswer.Of(
                new ResponsePage(s.responses.Stored, [.. s.responses.NewestFirst(s.offset, s.limit).Select(ResponseItem.From)]),
                s.options,
                "responses"),
            (responses, offset, limit, options: json.Value.SerializerOptions));
        return new JsonAnswerResult<ResponsePage>(answer);
    }

    /// <summary>From the store, so an answer is found the moment it is stored.</summary>
    public static async Task<Results<Ok<ResponseItem>, NotFound<ProblemDetails>>> GetResponse(
        string id,
        SurveyResponseStore store,
        ActiveSource activeSource,
        CancellationToken cancellationToken)
    {
        var item = await store.GetAsync((await activeSource.GetAsync(cancellationToken)).StorageName, id);
        return item is null
            ? TypedResults.NotFound(new ProblemDetails { Title = "No such response", Detail = $"No response has the id '{id}'.", Status = 404 })
            : TypedResults.Ok(ResponseItem.From(item));
    }
}
