using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SpotifyDashboard.Api.Answers;
using SpotifyDashboard.Api.Data;
using SpotifyDashboard.Core.Contracts.Dashboard;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

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

    /// <summary>Never 503: before the first analysis <c>analysis</c> is null and the rest still shows. Serialized once per view, with an ETag.</summary>
    public static async Task<JsonAnswerResult<ClassOverview>> GetOverview(ClassDataCache data, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        var view = await data.GetAsync(cancellationToken);
        var answer = await view.Answers.GetOrAddAsync(
            "overview",
            static s => JsonAnswer.Of(s.view.Overview, s.options, $"overview-v{s.view.Analysis?.Version ?? 0}"),
            (view, options: json.Value.SerializerOptions));
        return new JsonAnswerResult<ClassOverview>(answer);
    }
}
