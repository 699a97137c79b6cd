using SpotifyDashboard.Api.Answers;
using SpotifyDashboard.Api.Status;
using SpotifyDashboard.Core.Contracts;

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

    /// <summary>From memory (<see cref="StatusReportCache"/>): counts kept as the data changes, never a scan; with an ETag.</summary>
    public static async Task<JsonAnswerResult<StatusReport>> GetStatus(StatusReportCache status, CancellationToken cancellationToken) =>
        new(await status.GetAsync(cancellationToken));
}
