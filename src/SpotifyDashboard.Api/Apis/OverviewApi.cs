using Microsoft.AspNetCore.Http.HttpResults;
using SpotifyDashboard.Api.Data;
using SpotifyDashboard.Core.Contracts.Dashboard;

namespace SpotifyDashboard.Api.Apis;

public static class OverviewApi
{
    public static IEndpointRouteBuilder MapOverviewApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/overview", GetOverview)
            .WithTags("Overview")
            .WithName("GetOverview")
            .WithSummary("The class at a glance: answer counts, majors, years, listening habits, top songs and artists, audio profile and the analysis headline");
        return app;
    }

    /// <summary>Never 503: before the first analysis <c>analysis</c> is null and the rest still shows.</summary>
    public static async Task<Ok<ClassOverview>> GetOverview(ClassDataHolder data, CancellationToken cancellationToken) =>
        TypedResults.Ok((await data.GetAsync(cancellationToken)).Overview);
}
