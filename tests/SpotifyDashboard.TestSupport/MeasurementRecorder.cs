using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace SpotifyDashboard.TestSupport;

/// <summary>
/// Keeps every measurement of one instrument, made through one <see cref="IMeterFactory"/> (a host's, or a
/// <see cref="TestMeterFactory"/>): other tests' hosts in the same process measure into meters of the same name.
/// </summary>
public sealed class MeasurementRecorder<T> : IDisposable where T : struct
{
    private readonly MeterListener _listener = new();

    public MeasurementRecorder(IMeterFactory scope, string meterName, string instrumentName)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, scope) && instrument.Meter.Name == meterName && instrument.Name == instrumentName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<T>((_, value, tags, _) =>
            Measurements.Enqueue(new Recorded(value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value?.ToString()))));
        _listener.Start();
    }

    public ConcurrentQueue<Recorded> Measurements { get; } = new();

    /// <summary>Asks the observable instruments (gauges) for their values now, as a scrape does; returns what they gave.</summary>
    public IReadOnlyList<Recorded> Observe()
    {
        Measurements.Clear();
        _listener.RecordObservableInstruments();
        return [.. Measurements];
    }

    public void Dispose() => _listener.Dispose();

    public sealed record Recorded(T Value, IReadOnlyDictionary<string, string?> Tags)
    {
        public string? this[string tag] => Tags.GetValueOrDefault(tag);
    }
}
