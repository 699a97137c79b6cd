using Microsoft.AspNetCore.Http.HttpResults;
using SpotifyDashboard.Api.Admin;
using SpotifyDashboard.Api.Data;
using SpotifyDashboard.Api.Sources;
using SpotifyDashboard.Enrichment.Curation;

namespace SpotifyDashboard.Api.Apis;

public static class OverridesApi
{
    public static IEndpointRouteBuilder MapOverridesApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/overrides", PostOverride)
            .RequireAdminKey()
            .WithTags("Curation")
            .WithName("PostOverride")
            .WithSummary("Admin: map a song (songKey, or song and artist) to a Spotify track id or URL; the worker re-enriches it on its next run");
        return app;
    }

    /// <summary>
    /// The api may have no Spotify credentials, so it stores the override in Redis and puts the
    /// song's responses back to pending; the worker fetches the track and its features.
    /// </summary>
    public static async Task<Results<Accepted<OverrideAccepted>, ValidationProblem>> PostOverride(
        OverrideRequest request,
        SongCurator curator,
        ActiveSourceHolder activeSource,
        ClassDataHolder data,
        CancellationToken cancellationToken)
    {
        var errors = SongCurator.Validate(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid override");
        }

        var accepted = await curator.ApplyOverrideAsync((await activeSource.GetAsync(cancellationToken)).StorageName, request);
        if (accepted.Requeued > 0)
        {
            // The requeue publishes no event: without this the teacher's next read of /api/responses would still show
            // the answers unmatched, and the mapping would look finished before the worker started on it.
            await data.ReloadAsync(cancellationToken);
        }

        return TypedResults.Accepted((string?)null, accepted);
    }
}
