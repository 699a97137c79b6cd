using System.Diagnostics.Metrics;

namespace SpotifyDashboard.Api.Limits;

/// <summary>
/// Meter <c>SpotifyDashboard.Api</c> (the service defaults export every <c>SpotifyDashboard.*</c>), with
/// <c>active_sessions</c>: the open <c>/api/events</c> streams (<c>kind</c> <c>event_stream</c>; each open dashboard
/// tab's web server holds one, as may any other client).
/// </summary>
public sealed class ApiTelemetry
{
    public const string Name = "SpotifyDashboard.Api";

    private static readonly KeyValuePair<string, object?> EventStreamKind = new("kind", "event_stream");

    private readonly Counter<long> _malformedEvents;
    private readonly Counter<long> _rejections;
    private readonly UpDownCounter<long> _activeSessions;

    public ApiTelemetry(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(Name);
        _malformedEvents = meter.CreateCounter<long>("api.events.malformed", "{event}", "Store events on the Redis channel that could not be read and were skipped");
        _rejections = meter.CreateCounter<long>("api.limits.rejections", "{request}", "Requests refused by a limit, by limit");
        _activeSessions = meter.CreateUpDownCounter<long>("active_sessions", "{session}", "Open event-stream clients (/api/events)");
        // A series from the first request on, 0 until a stream opens, rather than none until then.
        _activeSessions.Add(0, EventStreamKind);
    }

    public void MalformedEvent() => _malformedEvents.Add(1);

    public void EventStreamOpened() => _activeSessions.Add(1, EventStreamKind);

    public void EventStreamClosed() => _activeSessions.Add(-1, EventStreamKind);

    public void Rejected(string limit) => _rejections.Add(1, new KeyValuePair<string, object?>("limit", limit));
}
