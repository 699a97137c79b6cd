namespace SpotifyDashboard.Web.Services;

/// <summary>What the layout's banner says about the backend: nothing when all is well, else a short reason.</summary>
public sealed record BackendHealth(bool Degraded, string? Reason)
{
    public static BackendHealth Fine { get; } = new(false, null);
}

/// <summary>
/// Reads the api's <c>/health/details</c> (200 while it works, 503 with the same body when the cache or the worker is
/// down) for the parts without which the pages show old data: the cache and the worker. An api that does not answer is
/// degraded too.
/// </summary>
public sealed class ServiceHealthReader(DashboardApiClient api)
{
    public async Task<BackendHealth> ReadAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await api.GetHealthDetailsAsync(cancellationToken);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
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
        catch (Exception ex) when (ex is HttpRequestException or JsonException or KeyNotFoundException or InvalidOperationException
                                   or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new(true, "the api does not answer");
        }
    }
}
