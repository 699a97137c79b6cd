using Microsoft.AspNetCore.Http.HttpResults;
using SpotifyDashboard.Api.Sources;
using SpotifyDashboard.Core.Contracts;
using SpotifyDashboard.Core.Ingestion;
using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Core.Survey;
using SpotifyDashboard.Enrichment.Status;

namespace SpotifyDashboard.Api.Apis;

public static class StatusApi
{
    public static IEndpointRouteBuilder MapStatusApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/status", GetStatus)
            .WithTags("Status")
            .WithName("GetStatus")
            .WithSummary("Mode (demo or live), response counts and when data last changed");
        return app;
    }

    public static async Task<Ok<StatusReport>> GetStatus(
        SurveyResponseStore responses,
        SourceStatusStore statuses,
        QuarantineStore quarantine,
        EnrichmentStatusReader enrichment,
        ActiveSourceHolder activeSource,
        CancellationToken cancellationToken)
    {
        // The active source, which the teacher may have switched at run time; errors stay the short public text.
        var active = await activeSource.GetAsync(cancellationToken);
        var kind = active.Kind;
        var source = active.StorageName;
        var count = await responses.CountAsync(source);
        var status = await statuses.GetAsync(source);
        var mode = kind == SurveySourceKind.Demo ? StatusReport.DemoMode : StatusReport.LiveMode;
        IReadOnlyList<SourceStatus> sources = status is null ? [] : [status];
        var ingestion = await quarantine.GetIngestionStatusAsync(source, statuses);
        return TypedResults.Ok(new StatusReport(mode, source, count, status?.LastReadAt, sources, ingestion.Columns, await enrichment.GetAsync(source)));
    }
}
