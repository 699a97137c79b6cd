namespace SpotifyDashboard.Enrichment.Providers;

/// <summary>
/// A provider cannot answer now (cool-down, open breaker, timeouts, errors, no credentials).
/// The songs concerned stay pending with <see cref="Exception.Message"/> as the reason; nothing is cached.
/// </summary>
public sealed class ProviderUnavailableException(string provider, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public string Provider { get; } = provider;
}
