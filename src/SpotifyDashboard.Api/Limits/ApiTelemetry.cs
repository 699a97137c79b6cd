using System.Diagnostics.Metrics;

namespace SpotifyDashboard.Api.Limits;

/// <summary>Meter <c>SpotifyDashboard.Api</c> (the service defaults export every <c>SpotifyDashboard.*</c>).</summary>
public sealed class ApiTelemetry
{
    public const string Name = "SpotifyDashboard.Api";

    private readonly Counter<long> _malformedEvents;
    private readonly Counter<long> _rejections;

    public ApiTelemetry(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(Name);
        _malformedEvents = meter.CreateCounter<long>("api.events.malformed", "{event}", "Store events on the Redis channel that could not be read and were skipped");
        _rejections = meter.CreateCounter<long>("api.limits.rejections", "{request}", "Requests refused by a limit, by limit");
    }

    public void MalformedEvent() => _malformedEvents.Add(1);

    public void Rejected(string limit) => _rejections.Add(1, new KeyValuePair<string, object?>("limit", limit));
}
