using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SpotifyDashboard.Core.Options;
using SpotifyDashboard.Core.Survey;
using SpotifyDashboard.Enrichment.Curation;
using SpotifyDashboard.Enrichment.Options;

namespace SpotifyDashboard.Api.Apis;

public static class OverridesApi
{
    public static IEndpointRouteBuilder MapOverridesApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/overrides", PostOverride)
            .WithTags("Curation")
            .WithName("PostOverride")
            .WithSummary("Admin: map a song (songKey, or song and artist) to a Spotify track id or URL; the worker re-enriches it on its next run");
        return app;
    }

    /// <summary>
    /// The api may have no Spotify credentials, so it stores the override in Redis and puts the
    /// song's responses back to pending; the worker fetches the track and its features.
    /// </summary>
    public static async Task<Results<Accepted<OverrideAccepted>, UnauthorizedHttpResult, ProblemHttpResult, ValidationProblem>> PostOverride(
        OverrideRequest request,
        [FromHeader(Name = AdminKey.HeaderName)] string? adminKey,
        SongCurator curator,
        IOptions<EnrichmentOptions> enrichment,
        IOptions<SurveyOptions> survey)
    {
        if (!AdminKey.IsConfigured(enrichment.Value.AdminKey))
        {
            return TypedResults.Problem(
                title: "Overrides are disabled",
                detail: "No admin key is configured: set the admin-key parameter (Enrichment__AdminKey) to enable POST /api/overrides.",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        if (!AdminKey.Matches(enrichment.Value.AdminKey, adminKey))
        {
            return TypedResults.Unauthorized();
        }

        var errors = SongCurator.Validate(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid override");
        }

        var accepted = await curator.ApplyOverrideAsync(survey.Value.Source.StorageName(), request);
        return TypedResults.Accepted((string?)null, accepted);
    }
}
