using Microsoft.AspNetCore.Mvc;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace SpotifyDashboard.Api.Apis;

/// <summary>What anyone may read of the class: its answers, status and overview, the quarantine and the unmatched songs.</summary>
public static class ClassApi
{
    public const int MaxResponsesLimit = 500;
    public const int DefaultResponsesLimit = 50;

    public static IEndpointRouteBuilder MapClassApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");

        api.MapGet("/responses/", GetResponses)
            .Validates<PageRequest>("Invalid paging values", page => page.Validate(MaxResponsesLimit))
            .WithTags("Responses")
            .WithName("GetResponses")
            .WithSummary("Survey responses of the active source, newest first, with pseudonyms instead of names");
        api.MapGet("/responses/{id}", GetResponse)
            .WithTags("Responses")
            .WithName("GetResponse")
            .WithSummary("One survey response by id");
        api.MapGet("/status", GetStatus)
            .WithTags("Status")
            .WithName("GetStatus")
            .WithSummary("Mode (demo or live), response counts and when data last changed");
        api.MapGet("/overview", GetOverview)
            .WithTags("Overview")
            .WithName("GetOverview")
            .WithSummary("The class at a glance: answer counts, majors, years, listening habits, top songs and artists, audio profile and the analysis headline");
        api.MapGet("/quarantine", GetQuarantine)
            .Validates<PageRequest>("Invalid paging values", page => page.Validate(PageRequest.MaxQuarantineLimit))
            .WithTags("Quarantine")
            .WithName("GetQuarantine")
            .WithSummary("Rows of the active source that could not be used: row number, every reason and the survey fields that identify nobody");
        api.MapGet("/status/ingestion", GetIngestionStatus)
            .WithTags("Quarantine")
            .WithName("GetIngestionStatus")
            .WithSummary("The header mapping found in the active source and its last read error");
        api.MapGet("/unmatched", GetUnmatched)
            .WithTags("Curation")
            .WithName("GetUnmatched")
            .WithSummary("Songs no Spotify track was found for, with how many students named each");

        return app;
    }

    /// <summary>
    /// From the api's copy of the class (<see cref="ClassDataCache"/>, reloaded after each <c>response-added</c> or
    /// <c>responses-enriched</c> event), each page serialized once per load, with an ETag; not from the store per request.
    /// </summary>
    public static async Task<JsonAnswerResult<ResponsePage>> GetResponses(
        [AsParameters] PageRequest page,
        ClassDataCache data,
        ActiveSource activeSource,
        IOptions<JsonOptions> json,
        CancellationToken cancellationToken)
    {
        var responses = await data.GetResponsesAsync((await activeSource.GetAsync(cancellationToken)).StorageName, cancellationToken);
        var (offset, limit) = (page.OffsetOr(0), page.LimitOr(DefaultResponsesLimit));
        var answer = await responses.Answers.GetOrAddAsync(
            $"{offset}:{limit}",
            static s => JsonAnswer.Of(
                new ResponsePage(s.responses.Stored, [.. s.responses.NewestFirst(s.offset, s.limit).Select(ResponseItem.From)]),
                s.options,
                "responses"),
            (responses, offset, limit, options: json.Value.SerializerOptions));
        return new(answer);
    }

    /// <summary>From the store, so an answer is found the moment it is stored.</summary>
    public static async Task<Results<Ok<ResponseItem>, NotFound<ProblemDetails>>> GetResponse(
        string id,
        SurveyResponseStore store,
        ActiveSource activeSource,
        CancellationToken cancellationToken) =>
        await store.GetAsync((await activeSource.GetAsync(cancellationToken)).StorageName, id) is { } item
            ? TypedResults.Ok(ResponseItem.From(item))
            : TypedResults.NotFound(new ProblemDetails { Title = "No such response", Detail = $"No response has the id '{id}'.", Status = 404 });

    /// <summary>From memory (<see cref="StatusReportCache"/>): counts kept as the data changes, never a scan; with an ETag.</summary>
    public static async Task<JsonAnswerResult<StatusReport>> GetStatus(StatusReportCache status, CancellationToken cancellationToken) =>
        new(await status.GetAsync(cancellationToken));

    /// <summary>Never 503: before the first analysis <c>analysis</c> is null and the rest still shows. Serialized once per view, with an ETag.</summary>
    public static async Task<JsonAnswerResult<ClassOverview>> GetOverview(ClassDataCache data, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        var view = await data.GetAsync(cancellationToken);
        return new(await view.Answers.GetOrAddAsync(
            "overview",
            static s => JsonAnswer.Of(s.view.Overview, s.options, $"overview-v{s.view.Analysis?.Version ?? 0}"),
            (view, options: json.Value.SerializerOptions)));
    }

    public static async Task<Ok<ClassQuarantinePage>> GetQuarantine(
        [AsParameters] PageRequest page,
        QuarantineStore store,
        ActiveSource activeSource,
        CancellationToken cancellationToken)
    {
        var source = (await activeSource.GetAsync(cancellationToken)).StorageName;
        var all = await store.GetAllAsync(source);
        var columns = await store.GetColumnsAsync(source);
        return TypedResults.Ok(new ClassQuarantinePage(all.Count, [.. page.Of(all, PageRequest.DefaultQuarantineLimit).Select(r => QuarantineFields.ForClass(r, columns))]));
    }

    public static async Task<Ok<IngestionStatus>> GetIngestionStatus(
        QuarantineStore store,
        SourceStatusStore statuses,
        ActiveSource activeSource,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.GetIngestionStatusAsync((await activeSource.GetAsync(cancellationToken)).StorageName, statuses));

    public static async Task<Ok<UnmatchedReport>> GetUnmatched(SongCurator curator, ActiveSource activeSource, CancellationToken cancellationToken) =>
        TypedResults.Ok(await curator.GetUnmatchedAsync((await activeSource.GetAsync(cancellationToken)).StorageName));
}
