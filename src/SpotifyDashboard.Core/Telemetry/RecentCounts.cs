namespace SpotifyDashboard.Core.Telemetry;

/// <summary>
/// How many events happened over the last <see cref="Window"/>, and how many of them were marked (a hit, a failure):
/// the counts behind a rate gauge. Events go into one of <c>buckets</c> slots of equal width, so the window slides by a
/// slot at a time and an old burst drops out instead of weighing on the rate for good. Thread-safe.
/// </summary>
public sealed class RecentCounts
{
    private readonly TimeProvider _time;
    private readonly long _slotTicks;
    private readonly long[] _slotOf;
    private readonly long[] _marked;
    private readonly long[] _total;
    private readonly Lock _gate = new();

    public RecentCounts(TimeSpan window, TimeProvider time, int buckets = 60)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(buckets, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(window.Ticks, buckets);
        Window = window;
        _time = time;
        _slotTicks = window.Ticks / buckets;
        _slotOf = new long[buckets];
        Array.Fill(_slotOf, long.MinValue);
        _marked = new long[buckets];
        _total = new long[buckets];
    }

    public TimeSpan Window { get; }

    public void Add(bool marked)
    {
        var slot = CurrentSlot();
        var index = IndexOf(slot);
        lock (_gate)
        {
            if (_slotOf[index] != slot)
            {
                _slotOf[index] = slot;
                _marked[index] = 0;
                _total[index] = 0;
            }

            _total[index]++;
            if (marked)
            {
                _marked[index]++;
            }
        }
    }

    /// <summary>The marked events and all events of the window that ends now.</summary>
    public (long Marked, long Total) Read()
    {
        var current = CurrentSlot();
        long marked = 0, total = 0;
        lock (_gate)
        {
            for (var i = 0; i < _slotOf.Length; i++)
            {
                if (_slotOf[i] > current - _slotOf.Length && _slotOf[i] <= current)
                {
                    marked += _marked[i];
                    total += _total[i];
                }
            }
        }

        return (marked, total);
    }

    /// <summary>Marked events as a share of all of them in the window, or null when there were none.</summary>
    public double? Ratio()
    {
        var (marked, total) = Read();
        return total == 0 ? null : (double)marked / total;
    }

    private long CurrentSlot() => _time.GetUtcNow().UtcTicks / _slotTicks;

    private int IndexOf(long slot) => (int)(slot % _slotOf.Length);
}
