using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SpotifyDashboard.Core.Commands;
using SpotifyDashboard.Api.Admin;
using SpotifyDashboard.Api.Sources;
using SpotifyDashboard.Core.Contracts.Admin;

namespace SpotifyDashboard.Api.Apis;

/// <summary>The teacher asks the worker to read, enrich and analyse again, and follows how far it got.</summary>
public static class RefreshApi
{
    public static IEndpointRouteBuilder MapRefreshApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAdminKey().WithTags("Admin");

        api.MapPost("/refresh", PostRefresh)
            .WithName("PostRefresh")
            .WithSummary("Admin: queue a refresh (re-read, re-enrich, re-analyse; all by default) for the worker; follow it at /api/admin/refresh/{id}");
        api.MapGet("/admin/refresh/{id}", GetRefresh)
            .WithName("GetRefreshProgress")
            .WithSummary("Admin: how far a refresh got (kept a day)");

        return app;
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
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["scope"] = ["Choose at least one of reread, reenrich and reanalyse."] },
                title: "Nothing to refresh");
        }

        var id = WorkerCommandQueue.NewId();
        var source = (await activeSource.GetAsync(cancellationToken)).StorageName;
        // The progress exists before the command, so the worker never moves on a refresh nobody can read.
        await progress.SetAsync(new RefreshProgress(id, RefreshStages.Queued, 0, 0, "Waiting for the worker.", time.GetUtcNow()), source);
        await commands.QueueAsync(WorkerCommand.RefreshType, scope, id);
        return TypedResults.Accepted($"/api/admin/refresh/{id}", new RefreshAccepted(id, scope));
    }

    public static async Task<Results<Ok<RefreshProgress>, ProblemHttpResult>> GetRefresh(string id, RefreshProgressStore progress)
    {
        var found = await progress.GetAsync(id);
        return found is null
            ? TypedResults.Problem(
                title: "No such refresh",
                detail: $"No refresh has the id '{id}', or it was asked for more than a day ago.",
                statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Ok(found);
    }
}
