using WireMock;
using WireMock.Types;
using WireMock.Util;

namespace SpotifyDashboard.AppTests;

/// <summary>
/// The rules of Spotify's Web API for a development-mode app (../shared/REAL-SERVICES.md) that the fake keeps on every
/// route: a search <c>limit</c> above 10 is 400, a listener the app's owner has not added gets a plain-text 403 on
/// <c>/me</c>, and an app whose owner's Premium has lapsed gets 403 on every call.
/// </summary>
public sealed partial class MusicServiceFakes
{
    /// <summary>What Spotify answers to every call of an app whose owner has no Premium.</summary>
    public const string PremiumRequired = "Active premium subscription required for the owner of the app";

    /// <summary>While set, every Web API call of the app (search, tracks, <c>/me</c>) is refused with 403 <see cref="PremiumRequired"/>.</summary>
    public bool AppRefused { get; set; }

    /// <summary>While set, <c>/me/top/tracks</c> answers 403 in plain text: "User not registered in the Developer Dashboard".</summary>
    public bool ListenersNotAdded { get; set; }

    /// <summary>How many Web API calls Spotify was sent while <see cref="AppRefused"/> was set.</summary>
    public int RefusedCalls => _refusedCalls;

    private int _refusedCalls;

    /// <summary>The answer Spotify gives instead of the route's own, or null when it would answer.</summary>
    private ResponseMessage? SpotifyRefusal(IRequestMessage request)
    {
        if (AppRefused)
        {
            Interlocked.Increment(ref _refusedCalls);
            return JsonMessage(403, $$"""{"error":{"status":403,"message":"{{PremiumRequired}}"} }""");
        }

        if (ListenersNotAdded && request.Path.StartsWith("/v1/me", StringComparison.Ordinal))
        {
            return PlainText(403, "User not registered in the Developer Dashboard");
        }

        if (request.Path == "/v1/search" && int.TryParse(Query(request, "limit"), out var limit) && limit is < 0 or > 10)
        {
            return JsonMessage(400, """{"error":{"status":400,"message":"Invalid limit"}}""");
        }

        return null;
    }

    private static ResponseMessage PlainText(int status, string body) => new()
    {
        StatusCode = status,
        Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("text/plain") },
        BodyData = new BodyData { DetectedBodyType = BodyType.String, BodyAsString = body },
    };
}
