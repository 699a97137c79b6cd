namespace SpotifyDashboard.Web.Services;

/// <summary>What the layout's banner says about the backend: nothing when all is well, else a short reason.</summary>
public sealed record BackendHealth(bool Degraded, string? Reason)
{
    public static BackendHealth Fine { get; } = new(false, null);
}

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

    /// <summary>
    /// The health, read through <paramref name="api"/> only when no fresh reading is held. A reading runs to its end (its
    /// own timeouts apply) even when the page that started it goes away, since other pages may be waiting for it.
    /// </summary>
    public Task<BackendHealth> GetAsync(DashboardApiClient api, CancellationToken cancellationToken = default)
    {
        Task<BackendHealth> reading;
        lock (_gate)
        {
            if (_reading is null || time.GetElapsedTime(_startedAt) >= FreshFor)
            {
                _startedAt = time.GetTimestamp();
                _reading = ReadAsync(api);
            }

            reading = _reading;
        }

        return reading.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Reads the api's <c>/health/details</c> (200 while it works, 503 with the same body when the cache or the worker is
    /// down) for the parts without which the pages show old data: the cache and the worker. An api that does not answer is
    /// degraded too.
    /// </summary>
    private static async Task<BackendHealth> ReadAsync(DashboardApiClient api)
    {
        try
        {
            using var response = await api.GetHealthDetailsAsync();
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var services = body.RootElement.GetProperty("services");
            foreach (var (part, name) in new[] { ("cache", "the cache"), ("worker", "the worker") })
            {
                if (services.TryGetProperty(part, out var health) && health.GetProperty("state").GetString() == "unhealthy")
                {
                    return new(true, $"{name} is not working ({health.GetProperty("reason").GetString()})");
                }
            }

            return BackendHealth.Fine;
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or KeyNotFoundException or InvalidOperationException or TaskCanceledException)
        {
            return new(true, "the api does not answer");
        }
    }
}
