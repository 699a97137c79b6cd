using Microsoft.Extensions.Time.Testing;
using SpotifyDashboard.Core.Telemetry;

namespace SpotifyDashboard.Core.Tests.Telemetry;

public class RecentCountsTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void CountsWhatHappenedInTheWindowAndForgetsWhatIsOlder()
    {
        var counts = new RecentCounts(TimeSpan.FromMinutes(1), _time);
        counts.Add(marked: true);
        counts.Add(marked: false);
        _time.Advance(TimeSpan.FromSeconds(30));
        counts.Add(marked: false);
        counts.Add(marked: false);

        Assert.Equal((1, 4), counts.Read());
        Assert.Equal(0.25, counts.Ratio());

        // The first two fall out of the window; the later two are still in it.
        _time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal((0, 2), counts.Read());

        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal((0, 0), counts.Read());
        Assert.Null(counts.Ratio());
    }

    [Fact]
    public void ASlotReusedAfterAWholeWindowStartsFromZero()
    {
        var counts = new RecentCounts(TimeSpan.FromSeconds(10), _time, buckets: 10);
        counts.Add(marked: true);

        // Ten seconds on, the same slot of the ring holds a new second.
        _time.Advance(TimeSpan.FromSeconds(10));
        counts.Add(marked: false);

        Assert.Equal((0, 1), counts.Read());
    }
}
