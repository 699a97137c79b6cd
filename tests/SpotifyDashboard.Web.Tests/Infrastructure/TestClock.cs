using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace SpotifyDashboard.Web.Tests.Infrastructure;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that knows which of its timers are still to fire. A page arms its next timer
/// from an async continuation; on a busy machine that can come after the test's next move of the clock, and a move
/// with no timer armed wakes nothing. Tests wait for <see cref="WaitForArmedTimer"/> before moving it.
/// </summary>
public sealed class TestClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly ConcurrentDictionary<WatchedTimer, byte> _timers = new();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var watched = new WatchedTimer(this);
        watched.Arm(dueTime, period);
        _timers[watched] = 0;
        watched.Inner = base.CreateTimer(callback, state, dueTime, period);
        return watched;
    }

    /// <summary>Whether some timer would fire if the clock moved on far enough.</summary>
    public bool HasArmedTimer
    {
        get
        {
            var now = GetUtcNow();
            return _timers.Keys.Any(timer => timer.IsArmed(now));
        }
    }

    /// <summary>Waits (in real time, up to <paramref name="timeout"/>) until a timer is armed; false when none was.</summary>
    public bool WaitForArmedTimer(TimeSpan timeout) => SpinWait.SpinUntil(() => HasArmedTimer, timeout);

    private sealed class WatchedTimer(TestClock clock) : ITimer
    {
        private readonly Lock _gate = new();
        private DateTimeOffset? _due;
        private bool _periodic;

        public ITimer Inner { get; set; } = null!;

        public void Arm(TimeSpan dueTime, TimeSpan period)
        {
            lock (_gate)
            {
                _due = dueTime == Timeout.InfiniteTimeSpan ? null : clock.GetUtcNow() + dueTime;
                _periodic = period != Timeout.InfiniteTimeSpan && period > TimeSpan.Zero;
            }
        }

        public bool IsArmed(DateTimeOffset now)
        {
            lock (_gate)
            {
                return _due is { } due && (_periodic || due > now);
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Arm(dueTime, period);
            return Inner.Change(dueTime, period);
        }

        public void Dispose()
        {
            clock._timers.TryRemove(this, out _);
            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            clock._timers.TryRemove(this, out _);
            return Inner.DisposeAsync();
        }
    }
}
