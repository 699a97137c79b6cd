namespace SpotifyDashboard.Web.Security;

/// <summary>
/// Counts attempts at the teacher's password, per address and overall, each in a window that starts with its first
/// failure. An attempt counts as a failure from the moment it begins (so a burst of parallel guesses is counted before any
/// of them is answered) and is taken back when the password was right. Once an address (or everybody together) has used
/// up its failures, every attempt is refused until its window ends, the right password too: otherwise a guesser who
/// hears 429 would just learn to wait less than the answer takes.
/// </summary>
public sealed class TeacherSignInAttempts(IOptionsMonitor<WebLimitsOptions> options, TimeProvider time)
{
    private const string Overall = "";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Window> _windows = new(StringComparer.Ordinal);

    /// <summary>Begins an attempt from <paramref name="address"/>, or says how long it must wait (null: go ahead).</summary>
    public TimeSpan? TryBegin(string address)
    {
        var limits = options.CurrentValue;
        var now = time.GetUtcNow();
        lock (_gate)
        {
            var mine = Current(address, now, limits.TeacherFailureWindow);
            var all = Current(Overall, now, limits.TeacherFailureWindow);
            if (mine.Failures >= limits.TeacherFailuresPerAddress || all.Failures >= limits.TeacherFailuresOverall)
            {
                var until = Max(mine.Failures >= limits.TeacherFailuresPerAddress ? mine.Ends : now, all.Failures >= limits.TeacherFailuresOverall ? all.Ends : now);
                return until - now;
            }

            _windows[address] = mine with { Failures = mine.Failures + 1 };
            _windows[Overall] = all with { Failures = all.Failures + 1 };
            ForgetEnded(now);
            return null;
        }
    }

    /// <summary>The attempt from <paramref name="address"/> had the right password: it is no failure.</summary>
    public void Succeeded(string address)
    {
        lock (_gate)
        {
            TakeBack(address);
            TakeBack(Overall);
        }
    }

    private void TakeBack(string key)
    {
        if (_windows.TryGetValue(key, out var window) && window.Failures > 0)
        {
            _windows[key] = window with { Failures = window.Failures - 1 };
        }
    }

    private Window Current(string key, DateTimeOffset now, TimeSpan length) =>
        _windows.TryGetValue(key, out var window) && window.Ends > now ? window : new Window(0, now + length);

    // Only addresses with a failure are kept, and the overall limit bounds how many can fail in one window.
    private void ForgetEnded(DateTimeOffset now)
    {
        if (_windows.Count < 256)
        {
            return;
        }

        foreach (var (key, window) in _windows.Where(w => w.Value.Ends <= now).ToList())
        {
            _windows.Remove(key);
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private readonly record struct Window(int Failures, DateTimeOffset Ends);
}
