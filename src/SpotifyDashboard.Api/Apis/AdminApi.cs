using Microsoft.AspNetCore.Mvc;
using SpotifyDashboard.Core.Commands;

namespace SpotifyDashboard.Api.Apis;

/// <summary>
/// The teacher's endpoints, each behind the admin key: the survey sources (which is active, how each is doing, the raw
/// quarantine), refreshes the worker runs and follows, and song mappings.
/// </summary>
public static partial class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        // 401 ProblemDetails without the right X-Admin-Key, 503 "Admin is disabled" when no key is configured.
        var api = app.MapGroup("/api").RequireAuthorization(AdminKeyAuthenticationHandler.PolicyName);
        var admin = api.MapGroup("").WithTags("Admin");

        admin.MapGet("/admin/sources", GetSources)
            .WithName("GetAdminSources")
            .WithSummary("Admin: every survey source with its status, header mapping, full last error and responses; which is active, configured or chosen");
        admin.MapPost("/admin/sources/active", SetActiveSource)
            .WithName("SetActiveSource")
            .WithSummary("Admin: make demo, sheet or csv the active source; null goes back to the configured one");
        admin.MapPost("/admin/sources/read", ReadNow)
            .WithName("ReadSourceNow")
            .WithSummary("Admin: ask the worker to read the active source at once");
        admin.MapGet("/admin/quarantine", GetRawQuarantine)
            .Validates<PageRequest>("Invalid paging values", page => page.Validate(PageRequest.MaxQuarantineLimit))
            .WithName("GetAdminQuarantine")
            .WithSummary("Admin: the active source's quarantined rows with every raw cell, row number and reason");
        admin.MapPost("/refresh", PostRefresh)
            .WithName("PostRefresh")
            .WithSummary("Admin: queue a refresh (re-read, re-enrich, re-analyse; all by default) for the worker; follow it at /api/admin/refresh/{id}");
        admin.MapGet("/admin/refresh/{id}", GetRefresh)
            .WithName("GetRefreshProgress")
            .WithSummary("Admin: how far a refresh got (kept a day)");
        api.MapPost("/overrides", PostOverride)
            .Validates<OverrideRequest>("Invalid override", SongCurator.Validate)
            .WithTags("Curation")
            .WithName("PostOverride")
            .WithSummary("Admin: map a song (songKey, or song and artist) to a Spotify track id or URL; the worker re-enriches it on its next run");

        return app;
    }

    public static async Task<Ok<AdminSourcesView>> GetSources(
        ActiveSource activeSource,
        SourceStatusStore statuses,
        QuarantineStore quarantine,
        SurveyResponseStore responses,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await ViewAsync(await activeSource.RefreshAsync(cancellationToken), statuses, quarantine, responses));

    public static async Task<Results<Ok<AdminSourcesView>, ValidationProblem>> SetActiveSource(
        ActiveSourceRequest request,
        ActiveSource activeSource,
        SourceStatusStore statuses,
        QuarantineStore quarantine,
        SurveyResponseStore responses)
    {
        var kind = request.Source is null ? null : ParseSource(request.Source);
        if (request.Source is not null && kind is null)
        {
            return ApiChecks.Invalid("source", $"source must be demo, sheet, csv or null (the configured one); got '{request.Source}'.", "Unknown source");
        }

        return TypedResults.Ok(await ViewAsync(await activeSource.ChooseAsync(kind), statuses, quarantine, responses));
    }

    public static async Task<Accepted<WorkerCommand>> ReadNow(WorkerCommandQueue commands) =>
        TypedResults.Accepted((string?)null, await commands.QueueAsync(WorkerCommand.ReadNowType));

    public static async Task<Ok<AdminQuarantinePage>> GetRawQuarantine(
        [AsParameters] PageRequest page,
        QuarantineStore store,
        ActiveSource activeSource,
        CancellationToken cancellationToken)
    {
        var all = await store.GetAllAsync((await activeSource.GetAsync(cancellationToken)).StorageName);
        return TypedResults.Ok(new AdminQuarantinePage(all.Count, [.. page.Of(all, PageRequest.DefaultQuarantineLimit)]));
    }

    /// <summary>"csv", "sheet", "demo", or the setting's spelling ("Csv", "GoogleSheet"); not a number.</summary>
    public static SurveySourceKind? ParseSource(string text) =>
        Enum.GetValues<SurveySourceKind>().Cast<SurveySourceKind?>().FirstOrDefault(k =>
            string.Equals(k!.Value.StorageName(), text.Trim(), StringComparison.OrdinalIgnoreCase)
            || string.Equals(k.Value.ToString(), text.Trim(), StringComparison.OrdinalIgnoreCase));

    private static async Task<AdminSourcesView> ViewAsync(
        ActiveSourceState state,
        SourceStatusStore statuses,
        QuarantineStore quarantine,
        SurveyResponseStore responses)
    {
        var sources = new List<AdminSourceView>();
        foreach (var kind in Enum.GetValues<SurveySourceKind>().OrderBy(k => k == state.Kind ? 0 : 1))
        {
            var name = kind.StorageName();
            sources.Add(new AdminSourceView(
                name,
                kind.ToString(),
                kind == state.Kind,
                await statuses.GetAsync(name),
                await quarantine.GetColumnsAsync(name),
                await statuses.GetDetailAsync(name),
                await responses.CountAsync(name)));
        }

        return new AdminSourcesView(state.StorageName, state.Configured.StorageName(), state.Overridden, sources);
    }

    /// <summary>The body is optional: none (or <c>{}</c>) refreshes everything.</summary>
    public static async Task<Results<Accepted<RefreshAccepted>, ValidationProblem>> PostRefresh(
        [FromBody] RefreshRequest? request,
        ActiveSource activeSource,
        RefreshProgressStore progress,
        WorkerCommandQueue commands,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var scope = request ?? new RefreshRequest();
        if (scope is { Reread: false, Reenrich: false, Reanalyse: false })
        {
            return ApiChecks.Invalid("scope", "Choose at least one of reread, reenrich and reanalyse.", "Nothing to refresh");
        }

        var id = WorkerCommandQueue.NewId();
        var source = (await activeSource.GetAsync(cancellationToken)).StorageName;
        // The progress exists before the command, so the worker never moves on a refresh nobody can read.
        await progress.SetAsync(new RefreshProgress(id, RefreshStages.Queued, 0, 0, "Waiting for the worker.", time.GetUtcNow()), source);
        await commands.QueueAsync(WorkerCommand.RefreshType, scope, id);
        return TypedResults.Accepted($"/api/admin/refresh/{id}", new RefreshAccepted(id, scope));
    }

    public static async Task<Results<Ok<RefreshProgress>, ProblemHttpResult>> GetRefresh(string id, RefreshProgressStore progress) =>
        await progress.GetAsync(id) is { } found
            ? TypedResults.Ok(found)
            : ApiChecks.Problem(StatusCodes.Status404NotFound, "No such refresh", $"No refresh has the id '{id}', or it was asked for more than a day ago.");

    /// <summary>
    /// The api may have no Spotify credentials, so it stores the override in Redis and puts the
    /// song's responses back to pending; the worker fetches the track and its features.
    /// </summary>
    public static async Task<Results<Accepted<OverrideAccepted>, ProblemHttpResult>> PostOverride(
        OverrideRequest request,
        SongCurator curator,
        SongOverrideStore overrides,
        SourceChoiceFiles files,
        ActiveSource activeSource,
        ClassDataCache data,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        // The file first, then the cache: the teacher's mapping survives the loss of the cache.
        var songOverride = curator.OverrideFor(request);
        try
        {
            await files.AddOverrideAsync(songOverride, (await overrides.GetAllAsync()).Values, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            LogMappingNotSaved(loggers.CreateLogger(typeof(AdminApi).FullName!), ex, files.Folder);
            return ApiChecks.Problem(
                StatusCodes.Status503ServiceUnavailable,
                "Mapping not saved",
                "The api could not save the mapping in its data folder, so it did not apply it (it would not survive a restart of the cache). The server's log says why.");
        }

        var accepted = await curator.ApplyOverrideAsync((await activeSource.GetAsync(cancellationToken)).StorageName, songOverride);
        if (accepted.Requeued > 0)
        {
            // The requeue publishes no event: without this the teacher's next read of /api/responses would still show
            // the answers unmatched, and the mapping would look finished before the worker started on it.
            await data.ReloadAsync(cancellationToken);
        }

        return TypedResults.Accepted((string?)null, accepted);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not save the teacher's song mapping in {Folder}")]
    private static partial void LogMappingNotSaved(ILogger logger, Exception exception, string folder);
}
