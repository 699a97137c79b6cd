using System.Diagnostics.Metrics;

namespace SpotifyDashboard.TestSupport;

/// <summary>
/// Meters for a class under test that is built by hand rather than by DI. Each meter's scope is this factory, so a
/// <see cref="MeterListener"/> can tell its measurements from those of other tests running at the same time.
/// </summary>
public sealed class TestMeterFactory : IMeterFactory
{
    private readonly List<Meter> _meters = [];

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(options.Name, options.Version, options.Tags, scope: this);
        lock (_meters)
        {
            _meters.Add(meter);
        }

        return meter;
    }

    public void Dispose()
    {
        lock (_meters)
        {
            _meters.ForEach(meter => meter.Dispose());
            _meters.Clear();
        }
    }
}
