using Microsoft.AspNetCore.Http.HttpResults;
using SpotifyDashboard.Api.Admin;
using SpotifyDashboard.Api.Data;
using SpotifyDashboard.Api.Sources;
using SpotifyDashboard.Core.Contracts;
using SpotifyDashboard.Enrichment.Curation;

namespace SpotifyDashboard.Api.Apis;

public static partial class OverridesApi
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
    public static async Task<Results<Accepted<OverrideAccepted>, ValidationProblem, ProblemHttpResult>> PostOverride(
        OverrideRequest request,
        SongCurator curator,
        SongOverrideStore overrides,
        SourceChoiceFiles files,
        ActiveSource activeSource,
        ClassDataCache data,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var errors = SongCurator.Validate(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid override");
        }

        // The file first, then the cache: the teacher's mapping survives the loss of the cache.
        var songOverride = curator.OverrideFor(request);
        try
        {
            await files.AddOverrideAsync(songOverride, (await overrides.GetAllAsync()).Values, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            LogNotSaved(loggers.CreateLogger(typeof(OverridesApi).FullName!), ex, files.Folder);
            return TypedResults.Problem(
                title: "Mapping not saved",
                detail: "The api could not save the mapping in its data folder, so it did not apply it (it would not survive a restart of the cache). The server's log says why.",
                statusCode: StatusCodes.Status503ServiceUnavailable);
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
    private static partial void LogNotSaved(ILogger logger, Exception exception, string folder);
}
