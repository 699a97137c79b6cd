namespace SpotifyDashboard.Api.Apis;

public static class HealthDetailsApi
{
    public const string Path = "/health/details";

    /// <summary>
    /// Anonymous and cheap, beside the <c>/health</c> and <c>/alive</c> probes (which stay as they are): 200 while the
    /// dashboard works, fully or degraded, 503 when it does not (the cache or the worker is down).
    /// </summary>
    public static IEndpointRouteBuilder MapHealthDetailsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, GetHealthDetails)
            .WithTags("Health")
            .WithName("GetHealthDetails")
            .WithSummary("The state of Spotify, ReccoBeats, the Google Sheet, the cache and the worker, each with a short reason, and the version")
            .Produces<HealthDetails>(StatusCodes.Status200OK)
            .Produces<HealthDetails>(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    public static async Task<IResult> GetHealthDetails(HealthDetailsReader reader, HttpContext context, CancellationToken cancellationToken)
    {
        var details = await reader.ReadAsync(cancellationToken);
        // Always fresh: a cached "healthy" would hide the outage it is asked about.
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Json(
            details,
            statusCode: details.Status == HealthStates.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
    }
}
