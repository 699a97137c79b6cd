using System.Diagnostics;
using OpenTelemetry;

namespace SpotifyDashboard.ServiceDefaults.Telemetry;

/// <summary>
/// Marks for export a span <see cref="ReadTraceSampler"/> recorded without choosing it, when it failed (error status or
/// a 5xx answer) or took at least <see cref="ReadTraceOptions.KeepSlowerThan"/>. Runs before the exporters' processors,
/// which export only marked spans. Such a span is kept alone: its children were not recorded.
/// </summary>
public sealed class SlowOrFailedReadKeeper(TimeSpan keepSlowerThan) : BaseProcessor<Activity>
{
    private const string StatusCodeTag = "http.response.status_code";

    public override void OnEnd(Activity data)
    {
        if (data.Recorded || !data.IsAllDataRequested)
        {
            return;
        }

        if (data.Duration >= keepSlowerThan || data.Status == ActivityStatusCode.Error || IsServerError(data.GetTagItem(StatusCodeTag)))
        {
            data.ActivityTraceFlags |= ActivityTraceFlags.Recorded;
        }
    }

    private static bool IsServerError(object? statusCode) => statusCode switch
    {
        int code => code >= 500,
        string text => int.TryParse(text, out var code) && code >= 500,
        _ => false,
    };
}
