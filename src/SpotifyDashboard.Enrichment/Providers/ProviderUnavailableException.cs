using System.Net;

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

/// <summary>
/// A provider answered a song's request with a client error that asking again will not change (400 for a query it
/// cannot parse, 404, 422…): the song is unmatched with <see cref="Exception.Message"/> as the reason and the miss is
/// cached, instead of staying pending and being asked every tick. 401, 403, 408 and 429 are not this: they concern
/// the app's credentials or the provider's load, not the song.
/// </summary>
public sealed class SongRefusedException(string provider, HttpStatusCode status, string message) : Exception(message)
{
    public string Provider { get; } = provider;

    public HttpStatusCode Status { get; } = status;

    /// <summary>Whether <paramref name="status"/> is about the request itself rather than about us or the provider.</summary>
    public static bool IsRefusal(HttpStatusCode status) =>
        (int)status is >= 400 and < 500
        && status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests);
}
