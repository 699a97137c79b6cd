using System.Text.Json;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace SpotifyDashboard.Enrichment.Tests.Infrastructure;

/// <summary>
/// Spotify as a development-mode app sees it (../shared/REAL-SERVICES.md): search takes at most 10 results, track
/// objects may come without <c>popularity</c>, <c>external_ids</c> and <c>available_markets</c>, and an app whose owner
/// has no Premium is refused with 403 on every call.
/// </summary>
public sealed partial class UpstreamFakes
{
    /// <summary>What Spotify answers to every call of an app whose owner's Premium has lapsed.</summary>
    public const string PremiumRequired = "Active premium subscription required for the owner of the app";

    // Above every test's own answers (priority 1) and the defaults (100): these are rules Spotify never bends.
    private const int RulePriority = 0;

    /// <summary>Every request that went to Spotify (accounts or Web API), not to ReccoBeats.</summary>
    public int SpotifyCalls => Server.LogEntries.Count(e => e.RequestMessage.Path == TokenPath || e.RequestMessage.Path.StartsWith("/v1/", StringComparison.Ordinal));

    /// <summary>Spotify's Web API calls only (search, tracks, audio features).</summary>
    public int SpotifyApiCalls => Server.LogEntries.Count(e => e.RequestMessage.Path.StartsWith("/v1/", StringComparison.Ordinal));

    /// <summary>Every Web API call is refused with 403 and Spotify's message, until <see cref="AnswerAgain"/>.</summary>
    public Guid RefuseApp(string message = PremiumRequired) =>
        Rule(Request.Create().WithPath(new RegexMatcher("^/v1/")), 403, JsonSerializer.Serialize(new { error = new { status = 403, message } }));

    /// <summary>The token endpoint refuses the app's client credentials with 403, until <see cref="AnswerAgain"/>.</summary>
    public Guid RefuseAppAtTokenEndpoint() =>
        Rule(Request.Create().WithPath(TokenPath), 403, """{"error":"invalid_client","error_description":"Failed to get client"}""");

    /// <summary>Ends a refusal: Spotify answers as before.</summary>
    public void AnswerAgain(Guid refusal) => Server.DeleteMapping(refusal);

    /// <summary>A track as a development-mode app gets it: no popularity, external ids or markets.</summary>
    public static object BareTrack(string id, string name, string artist) => new
    {
        id,
        name,
        artists = new[] { new { id = "artist-" + artist.Length, name = artist } },
        album = new { name = "Album", release_date = "2001", images = Array.Empty<object>() },
        duration_ms = 210_000,
        type = "track",
    };

    /// <summary>Search refuses a <c>limit</c> above 10 as Spotify does for development-mode apps.</summary>
    private void UseDevelopmentModeSearchLimit() =>
        Server.Given(Request.Create().WithPath(SearchPath).WithParam("limit", new RegexMatcher(@"^(1[1-9]|[2-9]\d|\d{3,})$")))
            .AtPriority(RulePriority)
            .RespondWith(Response.Create().WithStatusCode(400).WithHeader("Content-Type", "application/json")
                .WithBody("""{"error":{"status":400,"message":"Invalid limit"}}"""));

    private Guid Rule(IRequestBuilder request, int status, string body)
    {
        var id = Guid.NewGuid();
        Server.Given(request).WithGuid(id).AtPriority(RulePriority)
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));
        return id;
    }
}
