using System.Diagnostics.Metrics;
using SpotifyDashboard.Core.Telemetry;

namespace SpotifyDashboard.ServiceDefaults.Telemetry;

/// <summary>
/// Meter <c>SpotifyDashboard.Service</c>: gauge <c>error_rate</c>, tagged <c>service</c>: the failed share (0–1) of the
/// operations this service carried out over the last minute. Operations are the HTTP requests it served (failed: a
/// 5xx; health probes and scrapes do not count) and the worker's stage runs (failed: see <see cref="PipelineTelemetry"/>).
/// A minute with no operation reports 0: nothing failed.
/// </summary>
public sealed class ErrorRateTelemetry
{
    public const string MeterName = "SpotifyDashboard.Service";
    public const string ErrorRateInstrument = "error_rate";

    private readonly PipelineTelemetry _pipeline;

    public ErrorRateTelemetry(IMeterFactory meterFactory, TimeProvider time, PipelineTelemetry pipeline, ServiceIdentity identity)
    {
        _pipeline = pipeline;
        RecentRequests = new RecentCounts(TimeSpan.FromMinutes(1), time);
        var service = new KeyValuePair<string, object?>("service", identity.Name);
        meterFactory.Create(MeterName).CreateObservableGauge(
            ErrorRateInstrument,
            () => new Measurement<double>(Rate(), service),
            unit: null,
            description: "Failed share (0-1) of the requests served (5xx) and worker stage runs of the last minute");
    }

    /// <summary>5xx responses (marked) among the requests served in the last minute.</summary>
    public RecentCounts RecentRequests { get; }

    public void RequestServed(int statusCode) => RecentRequests.Add(marked: statusCode >= 500);

    /// <summary>The rate now, as the gauge reports it.</summary>
    public double Rate()
    {
        var (failedRequests, requests) = RecentRequests.Read();
        var (failedRuns, runs) = _pipeline.RecentRuns.Read();
        var total = requests + runs;
        return total == 0 ? 0 : (double)(failedRequests + failedRuns) / total;
    }
}
