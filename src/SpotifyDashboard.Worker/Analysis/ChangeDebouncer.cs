namespace SpotifyDashboard.Worker.Analysis;

/// <summary>
/// Decides when a noticed change is due for analysis: after <c>quiet</c> without further changes, or
/// <c>maxDelay</c> after the first one, whichever comes first. Pure timing, no clock of its own.
/// </summary>
public sealed class ChangeDebouncer(TimeSpan quiet, TimeSpan maxDelay)
{
    private DateTimeOffset? _first;
    private DateTimeOffset? _last;
    private bool _immediate;

    public bool HasPendingChange => _first is not null;

    public void Notice(DateTimeOffset now)
    {
        _first ??= now;
        _last = now;
    }

    /// <summary>A change that should not wait (e.g. this replica just became the leader).</summary>
    public void NoticeUrgent(DateTimeOffset now)
    {
        Notice(now);
        _immediate = true;
    }

    public bool IsDue(DateTimeOffset now) =>
        _first is { } first && _last is { } last && (_immediate || now - last >= quiet || now - first >= maxDelay);

    public void Reset()
    {
        _first = null;
        _last = null;
        _immediate = false;
    }
}
