using Microsoft.AspNetCore.Http.HttpResults;
using SpotifyDashboard.Core.Commands;
using SpotifyDashboard.Api.Admin;
using SpotifyDashboard.Api.Sources;
using SpotifyDashboard.Core.Contracts.Admin;
using SpotifyDashboard.Core.Ingestion;
using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Core.Survey;

namespace SpotifyDashboard.Api.Apis;

/// <summary>The teacher's view of the survey sources: which is active, how each is doing, and the raw quarantine.</summary>
public static class AdminSourcesApi
{
    public const int MaxLimit = 1000;
    public const int DefaultLimit = 200;

    public static IEndpointRouteBuilder MapAdminSourcesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/admin").RequireAdminKey().WithTags("Admin");

        api.MapGet("/sources", GetSources)
            .WithName("GetAdminSources")
            .WithSummary("Admin: every survey source with its status, header mapping, full last error and responses; which is active, configured or chosen");
        api.MapPost("/sources/active", SetActiveSource)
            .WithName("SetActiveSource")
            .WithSummary("Admin: make demo, sheet or csv the active source; null goes back to the configured one");
        api.MapPost("/sources/read", ReadNow)
            .WithName("ReadSourceNow")
            .WithSummary("Admin: ask the worker to read the active source at once");
        api.MapGet("/quarantine", GetRawQuarantine)
            .WithName("GetAdminQuarantine")
            .WithSummary("Admin: the active source's quarantined rows with every raw cell, row number and reason");

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
        SurveySourceKind? kind = null;
        if (request.Source is not null)
        {
            kind = ParseSource(request.Source);
            if (kind is null)
            {
                return TypedResults.ValidationProblem(
                    new Dictionary<string, string[]> { ["source"] = [$"source must be demo, sheet, csv or null (the configured one); got '{request.Source}'."] },
                    title: "Unknown source");
            }
        }

        var state = await activeSource.ChooseAsync(kind);
        return TypedResults.Ok(await ViewAsync(state, statuses, quarantine, responses));
    }

    public static async Task<Accepted<WorkerCommand>> ReadNow(WorkerCommandQueue commands) =>
        TypedResults.Accepted((string?)null, await commands.QueueAsync(WorkerCommand.ReadNowType));

    public static async Task<Results<Ok<AdminQuarantinePage>, ValidationProblem>> GetRawQuarantine(
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

        var all = await store.GetAllAsync((await activeSource.GetAsync(cancellationToken)).StorageName);
        return TypedResults.Ok(new AdminQuarantinePage(all.Count, [.. all.Skip(page.OffsetOr(0)).Take(page.LimitOr(DefaultLimit))]));
    }

    /// <summary>"csv", "sheet", "demo", or the setting's spelling ("Csv", "GoogleSheet"); not a number.</summary>
    public static SurveySourceKind? ParseSource(string text)
    {
        var trimmed = text.Trim();
        return Enum.GetValues<SurveySourceKind>().Cast<SurveySourceKind?>().FirstOrDefault(k =>
            string.Equals(k!.Value.StorageName(), trimmed, StringComparison.OrdinalIgnoreCase)
            || string.Equals(k.Value.ToString(), trimmed, StringComparison.OrdinalIgnoreCase));
    }

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
}
