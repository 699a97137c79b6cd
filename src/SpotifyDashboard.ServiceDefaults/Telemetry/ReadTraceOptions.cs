using System.ComponentModel.DataAnnotations;

namespace SpotifyDashboard.ServiceDefaults.Telemetry;

/// <summary>
/// Which traces of the high-rate reads (a <c>GET</c> or <c>HEAD</c> to <c>/api/...</c> that starts a trace) a service
/// sends to its exporters (section <c>Telemetry:ReadTraces</c>). Metrics count every request whatever is set here.
/// </summary>
public sealed class ReadTraceOptions
{
    public const string SectionName = "Telemetry:ReadTraces";

    /// <summary>
    /// The share of those reads whose trace is kept, chosen by trace id (so every service that sees the trace agrees).
    /// 1 keeps all of them, 0 only the failed and slow ones.
    /// </summary>
    [Range(0.0, 1.0)]
    public double SampleRatio { get; set; } = 0.05;

    /// <summary>A read that takes at least this long is kept whatever the ratio chose, as is every read answered with a 5xx.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan KeepSlowerThan { get; set; } = TimeSpan.FromMilliseconds(250);
}
