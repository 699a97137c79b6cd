namespace SpotifyDashboard.Web.Services;

/// <summary>
/// One reading of the backend's health for every open page of this web replica. Each page's banner asks on its own
/// timer; without this a lecture hall of 500 phones would send the api 500 <c>/health/details</c> requests per interval
/// for the same answer. A reading younger than <see cref="FreshFor"/> is handed out again, and pages that ask while one
/// is under way wait for that one.
/// </summary>
public sealed class SharedBackendHealth(TimeProvider time)
{
    /// <summary>Short beside the banner's interval (15 s by default): a banner is at most this much later than its own reading would be.</summary>
    public static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private Task<BackendHealth>? _reading;
    private long _startedAt;

    /// <param name="read">Reads the health once; called only when no fresh reading is held. It runs to its end (its own
    /// timeouts apply) even when the page that started it goes away, since other pages may be waiting for it.</param>
    public Task<BackendHealth> GetAsync(Func<CancellationToken, Task<BackendHealth>> read, CancellationToken cancellationToken = default)
    {
        Task<BackendHealth> reading;
        lock (_gate)
        {
            if (_reading is null || time.GetElapsedTime(_startedAt) >= FreshFor)
            {
                _startedAt = time.GetTimestamp();
                _reading = read(CancellationToken.None);
            }

            reading = _reading;
        }

        return reading.WaitAsync(cancellationToken);
    }
}
