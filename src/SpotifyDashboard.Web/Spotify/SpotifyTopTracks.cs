using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Serialization;

namespace SpotifyDashboard.Web.Spotify;

/// <summary><c>GET /me/top/tracks</c> with the listener's own token: a 401 is refreshed once, then it is sign in again.</summary>
public sealed class SpotifyTopTracks(HttpClient http, IOptions<SpotifyOptions> options, SpotifySessions sessions)
{
    public const int Limit = 20;

    public static readonly IReadOnlyList<string> TimeRanges = ["short_term", "medium_term", "long_term"];

    public async Task<TopTracksAnswer> GetAsync(string? sessionId, string timeRange, CancellationToken cancellationToken = default)
    {
        if (!TimeRanges.Contains(timeRange))
        {
            throw new ArgumentOutOfRangeException(nameof(timeRange), timeRange, "short_term, medium_term or long_term.");
        }

        try
        {
            for (var attempt = 0; ; attempt++)
            {
                var token = await sessions.AccessTokenAsync(sessionId, forceRefresh: attempt > 0, cancellationToken);
                if (token is null)
                {
                    return TopTracksAnswer.Failed(TopTracksProblem.SignedOut);
                }

                using var request = new HttpRequestMessage(HttpMethod.Get, options.Value.ApiUri($"me/top/tracks?limit={Limit}&time_range={timeRange}"));
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await http.SendAsync(request, cancellationToken);

                if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0)
                {
                    continue;
                }

                return await ReadAsync(response, sessionId!, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is SpotifyUnavailableException or HttpRequestException or JsonException
                                       or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return TopTracksAnswer.Failed(TopTracksProblem.Unavailable);
        }
    }

    private async Task<TopTracksAnswer> ReadAsync(HttpResponseMessage response, string sessionId, CancellationToken cancellationToken)
    {
        switch (response.StatusCode)
        {
            case HttpStatusCode.OK:
                var page = await response.Content.ReadFromJsonAsync<TopTracksPage>(cancellationToken);
                return new TopTracksAnswer(
                    [.. (page?.Items ?? []).Where(t => !string.IsNullOrEmpty(t.Id))
                        .Select(t => new SpotifyTrack(t.Id!, t.Name ?? "", string.Join(", ", (t.Artists ?? []).Select(a => a.Name))))],
                    null, null);
            case HttpStatusCode.Unauthorized:
                await sessions.EndAsync(sessionId);
                return TopTracksAnswer.Failed(TopTracksProblem.SignedOut);
            case HttpStatusCode.Forbidden:
                // A plain-text body, not JSON, for a listener the app's owner has not added.
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                return TopTracksAnswer.Failed(
                    IsNotAddedListener(text) ? TopTracksProblem.NotRegistered
                    : text.Contains("premium subscription required", StringComparison.OrdinalIgnoreCase) ? TopTracksProblem.AppRefused
                    : TopTracksProblem.Forbidden);
            case HttpStatusCode.TooManyRequests:
                var retryAfter = response.Headers.RetryAfter?.Delta;
                return new TopTracksAnswer([], TopTracksProblem.RateLimited, retryAfter);
            default:
                return TopTracksAnswer.Failed(TopTracksProblem.Unavailable);
        }
    }

    /// <summary>
    /// Spotify's 403 for a listener outside the development-mode app's 5 users: "User not registered in the Developer
    /// Dashboard", or "User not approved for app" from older apps.
    /// </summary>
    public static bool IsNotAddedListener(string body) =>
        body.Contains("registered", StringComparison.OrdinalIgnoreCase)
        || body.Contains("not approved", StringComparison.OrdinalIgnoreCase);

    private sealed record TopTracksPage([property: JsonPropertyName("items")] IReadOnlyList<TrackItem>? Items);

    private sealed record TrackItem(
        [property: JsonPropertyName("id")] string? Id,
        [property: JsonPropertyName("name")] string? Name,
        [property: JsonPropertyName("artists")] IReadOnlyList<ArtistItem>? Artists);

    private sealed record ArtistItem([property: JsonPropertyName("name")] string Name);
}

public sealed record SpotifyTrack(string Id, string Name, string Artist);

public enum TopTracksProblem
{
    SignedOut,
    NotRegistered,
    AppRefused,
    Forbidden,
    RateLimited,
    Unavailable,
}

public sealed record TopTracksAnswer(IReadOnlyList<SpotifyTrack> Tracks, TopTracksProblem? Problem, TimeSpan? RetryAfter)
{
    public static TopTracksAnswer Failed(TopTracksProblem problem) => new([], problem, null);

    /// <summary>What the page says about <see cref="Problem"/>, in the listener's words.</summary>
    public string? Message => Problem switch
    {
        null => null,
        TopTracksProblem.SignedOut => "Your Spotify sign-in has ended. Sign in again.",
        TopTracksProblem.NotRegistered =>
            "Spotify has not let your account use this app yet. Ask your teacher to add you (development mode allows 5 users): the app's owner adds each listener's name and Spotify e-mail in the Spotify developer dashboard.",
        TopTracksProblem.AppRefused =>
            "Spotify refuses this app for everyone at the moment (its owner's Spotify Premium has lapsed). Tell your teacher; nothing is wrong with your account.",
        TopTracksProblem.Forbidden => "Spotify refused to share your top tracks. Sign in again and allow access to your top tracks.",
        TopTracksProblem.RateLimited => RetryAfter is { } wait
            ? $"Spotify is getting too many requests. Try again in {Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))} s."
            : "Spotify is getting too many requests. Try again in a minute.",
        _ => "Spotify could not be reached. Try again in a moment.",
    };
}
