using Microsoft.AspNetCore.Http.HttpResults;
using SpotifyDashboard.Api.Sources;
using SpotifyDashboard.Core.Contracts;
using SpotifyDashboard.Enrichment.Curation;

namespace SpotifyDashboard.Api.Apis;

public static class UnmatchedApi
{
    public static IEndpointRouteBuilder MapUnmatchedApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/unmatched", GetUnmatched)
            .WithTags("Curation")
            .WithName("GetUnmatched")
            .WithSummary("Songs no Spotify track was found for, with how many students named each");
        return app;
    }

    public static async Task<Ok<UnmatchedReport>> GetUnmatched(SongCurator curator, ActiveSource activeSource, CancellationToken cancellationToken) =>
        TypedResults.Ok(await curator.GetUnmatchedAsync((await activeSource.GetAsync(cancellationToken)).StorageName));
}
