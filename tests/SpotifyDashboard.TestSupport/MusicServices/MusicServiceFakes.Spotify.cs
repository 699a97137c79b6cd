using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Web;
using WireMock;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Types;
using WireMock.Util;

namespace SpotifyDashboard.TestSupport;

/// <summary>
/// Spotify as a development-mode app sees it (../shared/REAL-SERVICES.md). Search finds exactly the song asked for
/// (fielded or plain query) under <see cref="TrackIdFor"/>, except a title that starts with <see cref="UnlistedPrefix"/>;
/// <c>/v1/tracks/{id}</c> knows only the tracks added with <see cref="AddTrack"/>; the sign-in checks PKCE and hands out
/// single-use refresh tokens. Rules no mapping of a test bends: a search <c>limit</c> above 10 is 400, and an app whose
/// owner has no Premium is refused with 403 on every Web API call (<see cref="RefuseApp"/>).
/// </summary>
public sealed partial class MusicServiceFakes
{
    /// <summary>What Spotify answers to every call of an app whose owner's Premium has lapsed.</summary>
    public const string PremiumRequired = "Active premium subscription required for the owner of the app";

    /// <summary>Search finds no track for a song whose title starts with this: the song stays unmatched until mapped by hand.</summary>
    public const string UnlistedPrefix = "Unlisted";

    // Above every test's own answers and the defaults: these are rules Spotify never bends.
    private const int RulePriority = 0;

    private readonly ConcurrentDictionary<Guid, bool> _refusals = new();
    private readonly ConcurrentQueue<string> _searchQueries = new();
    private Guid? _appRefusal;

    /// <summary>The app token the client-credentials grant (the enrichment's) hands out.</summary>
    public string AppAccessToken { get; set; } = "fake-token";

    /// <summary>The access tokens the code exchange (or a refresh) has handed out to signed-in listeners.</summary>
    public IReadOnlyCollection<string> ListenerAccessTokens => [.. _listenerTokens.Keys];

    /// <summary>Every sign-in code, PKCE verifier, access and refresh token of a listener that passed through the fake.</summary>
    public IReadOnlyCollection<string> ListenerCredentials => [.. _listenerCredentials];

    /// <summary>
    /// What Spotify's search does instead of answering, while set: a fault test's 429 storm, 5xx burst, hang or slow
    /// answer. It gets the plain query and returns the answer to give, or null to answer normally (after any delay it made).
    /// </summary>
    public Func<string, Task<ResponseMessage?>>? SearchFault { get; set; }

    /// <summary>
    /// Every search query the default search was asked, faulted or not, in order (the fielded form); kept as it comes in,
    /// before a slow <see cref="SearchFault"/> answers.
    /// </summary>
    public IReadOnlyCollection<string> SearchQueries => [.. _searchQueries];

    /// <summary>Every request that went to Spotify (accounts or Web API), not to ReccoBeats.</summary>
    public int SpotifyCalls => Server.LogEntries.Count(e => e.RequestMessage.Path == TokenPath || e.RequestMessage.Path.StartsWith("/v1/", StringComparison.Ordinal));

    /// <summary>Spotify's Web API calls only (search, tracks, audio features, <c>/me</c>).</summary>
    public int SpotifyApiCalls => Server.LogEntries.Count(e => e.RequestMessage.Path.StartsWith("/v1/", StringComparison.Ordinal));

    /// <summary>Whether every Web API call is refused with 403 <see cref="PremiumRequired"/> (as <see cref="RefuseApp"/>).</summary>
    public bool AppRefused
    {
        get => _appRefusal is not null;
        set
        {
            if (value && _appRefusal is null)
            {
                _appRefusal = RefuseApp();
            }
            else if (!value && _appRefusal is { } refusal)
            {
                AnswerAgain(refusal);
                _appRefusal = null;
            }
        }
    }

    /// <summary>How many calls Spotify refused with <see cref="RefuseApp"/> or <see cref="RefuseAppAtTokenEndpoint"/>.</summary>
    public int RefusedCalls => Server.LogEntries.Count(e => e.MappingGuid is { } id && _refusals.ContainsKey(id));

    /// <summary>A listener's top tracks: answered to a bearer token that the sign-in's code exchange handed out (401 to any other).</summary>
    public void AddTopTrack(string title, string artist) => _topTracks.Enqueue((TrackIdFor(title, artist), title, artist));

    /// <summary>Every Web API call is refused with 403 and Spotify's message, until <see cref="AnswerAgain"/>.</summary>
    public Guid RefuseApp(string message = PremiumRequired) =>
        Rule(Request.Create().WithPath(new RegexMatcher("^/v1/")), 403, JsonSerializer.Serialize(new { error = new { status = 403, message } }));

    /// <summary>The token endpoint refuses the app's client credentials with 403, until <see cref="AnswerAgain"/>.</summary>
    public Guid RefuseAppAtTokenEndpoint() =>
        Rule(Request.Create().WithPath(TokenPath), 403, """{"error":"invalid_client","error_description":"Failed to get client"}""");

    /// <summary>Ends a refusal: Spotify answers as before.</summary>
    public void AnswerAgain(Guid refusal) => Server.DeleteMapping(refusal);

    private Guid Rule(IRequestBuilder request, int status, string body)
    {
        var id = Guid.NewGuid();
        _refusals[id] = true;
        Server.Given(request).WithGuid(id).AtPriority(RulePriority)
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));
        return id;
    }

    /// <summary>Search refuses a <c>limit</c> above 10 (or below 0) as Spotify does for development-mode apps.</summary>
    private void UseDevelopmentModeSearchLimit() =>
        Server.Given(Request.Create().WithPath(SearchPath).WithParam("limit", new RegexMatcher(@"^(-\d+|1[1-9]|[2-9]\d|\d{3,})$")))
            .AtPriority(RulePriority)
            .RespondWith(Response.Create().WithStatusCode(400).WithHeader("Content-Type", "application/json")
                .WithBody("""{"error":{"status":400,"message":"Invalid limit"}}"""));

    /// <summary>
    /// Spotify's authorize page, as a listener who approves at once: straight back to <c>redirect_uri</c> with a code,
    /// once it has checked the PKCE method and the scope and kept the challenge for the code exchange.
    /// </summary>
    private ResponseMessage AuthorizeAnswer(IRequestMessage request)
    {
        var redirect = Query(request, "redirect_uri");
        var challenge = Query(request, "code_challenge");
        if (Query(request, "code_challenge_method") != "S256" || Query(request, "scope") != "user-top-read"
            || Query(request, "response_type") != "code" || challenge.Length == 0 || !Uri.IsWellFormedUriString(redirect, UriKind.Absolute))
        {
            return JsonMessage(400, """{"error":"invalid_request"}""");
        }

        var code = "code-" + Guid.NewGuid().ToString("N");
        _challenges[code] = challenge;
        _listenerCredentials.Enqueue(code);
        var location = $"{redirect}?code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(Query(request, "state"))}";
        return new ResponseMessage
        {
            StatusCode = 302,
            Headers = new Dictionary<string, WireMockList<string>> { ["Location"] = new(location) },
        };
    }

    /// <summary>Client credentials for the enrichment; a code with its PKCE verifier, or a refresh token, for a listener.</summary>
    private ResponseMessage TokenAnswer(IRequestMessage request)
    {
        var form = HttpUtility.ParseQueryString(request.Body ?? "");
        switch (form["grant_type"])
        {
            case "authorization_code":
                var verifier = form["code_verifier"] ?? "";
                _listenerCredentials.Enqueue(verifier);
                var computed = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)))
                    .TrimEnd('=').Replace('+', '-').Replace('/', '_');
                if (form["code"] is not { } code || !_challenges.TryRemove(code, out var challenge) || challenge != computed)
                {
                    return JsonMessage(400, """{"error":"invalid_grant","error_description":"Invalid authorization code"}""");
                }

                return ListenerTokens();
            case "refresh_token" when _listenerRefreshTokens.TryRemove(form["refresh_token"] ?? "", out _):
                // Single use: the rotated token in the answer replaces it.
                return ListenerTokens();
            case "refresh_token":
                return JsonMessage(400, """{"error":"invalid_grant","error_description":"Invalid refresh token"}""");
            default:
                return JsonMessage(200, JsonSerializer.Serialize(new { access_token = AppAccessToken, token_type = "Bearer", expires_in = 3600 }));
        }
    }

    private ResponseMessage ListenerTokens()
    {
        var access = "listener-access-" + Guid.NewGuid().ToString("N");
        var refresh = "listener-refresh-" + Guid.NewGuid().ToString("N");
        _listenerTokens[access] = true;
        _listenerRefreshTokens[refresh] = true;
        _listenerCredentials.Enqueue(access);
        _listenerCredentials.Enqueue(refresh);
        return JsonMessage(200, JsonSerializer.Serialize(new
        {
            access_token = access,
            token_type = "Bearer",
            scope = "user-top-read",
            expires_in = 3600,
            refresh_token = refresh,
        }));
    }

    private ResponseMessage TopTracksAnswer(IRequestMessage request)
    {
        var authorization = request.Headers?.TryGetValue("Authorization", out var values) == true ? values.FirstOrDefault() ?? "" : "";
        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal) || !_listenerTokens.ContainsKey(authorization["Bearer ".Length..]))
        {
            return JsonMessage(401, """{"error":{"status":401,"message":"Invalid access token"}}""");
        }

        var items = _topTracks.Select(t => Track(t.Id, t.Title, t.Artist)).ToArray();
        return JsonMessage(200, JsonSerializer.Serialize(new { items, total = items.Length, limit = 20, offset = 0 }));
    }

    private async Task<IResponseMessage> SearchOrFaultAsync(IRequestMessage request)
    {
        var q = Query(request, "q");
        _searchQueries.Enqueue(q);
        if (SearchFault is { } fault && await fault(q) is { } faulted)
        {
            return faulted;
        }

        // Enrichment asks `track:"…" artist:"…"` first, and the plain text only if that finds nothing close.
        var fielded = FieldedQuery().Match(q);
        var (title, artist) = fielded.Success ? (fielded.Groups["track"].Value, fielded.Groups["artist"].Value) : (q, q);
        return JsonMessage(200, title.StartsWith(UnlistedPrefix, StringComparison.OrdinalIgnoreCase)
            ? SearchBody()
            : SearchBody(Track(TrackIdFor(title, artist), title, artist)));
    }

    private ResponseMessage TrackAnswer(IRequestMessage request)
    {
        var id = request.Path[(request.Path.LastIndexOf('/') + 1)..];
        return _tracks.TryGetValue(id, out var known)
            ? JsonMessage(200, JsonSerializer.Serialize(Track(id, known.Title, known.Artist)))
            : JsonMessage(404, """{"error":{"status":404,"message":"Non existing id"}}""");
    }

    [GeneratedRegex("^track:\"(?<track>[^\"]*)\" artist:\"(?<artist>[^\"]*)\"$")]
    private static partial Regex FieldedQuery();
}
