using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SpotifyDashboard.Ingestion.Hosting;
using SpotifyDashboard.Ingestion.Ingest;

namespace SpotifyDashboard.Worker;

/// <summary>
/// The ingest duty: degraded while the survey source cannot be read (a CSV file gone, a sheet not shared) or the last
/// tick failed, with the reason; the worker keeps polling and the last good answers stay served, so never unhealthy.
/// The reason is the source's public message, never its detail (which may name paths, sheets and accounts).
/// </summary>
public sealed class SurveyIngestHealthCheck(SurveyIngestionWorker worker, SurveyPollOutcome outcome) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var last = outcome.Last;
        var data = new Dictionary<string, object>
        {
            ["source"] = last?.Source ?? "",
            ["lastPollAt"] = last?.At.ToString("O", CultureInfo.InvariantCulture) ?? "never",
        };
        if (worker.LastTickError is { } tickError)
        {
            return Task.FromResult(HealthCheckResult.Degraded($"The last ingest tick failed: {tickError}", data: data));
        }

        return Task.FromResult(last switch
        {
            null => HealthCheckResult.Healthy("No survey source polled yet (or the demo class is the source)", data),
            { Error: { } error } => HealthCheckResult.Degraded($"The survey source {last.Source} could not be read: {error}", data: data),
            _ => HealthCheckResult.Healthy($"The survey source {last.Source} was read", data),
        });
    }
}
