using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Web;
using WireMock;
using WireMock.Matchers;
using WireMock.Types;
using WireMock.Util;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace SpotifyDashboard.AppTests;

/// <summary>
/// Spotify (accounts, search and tracks by id) and ReccoBeats on one WireMock server on loopback, in the shapes of
/// ../shared/specs. Search finds exactly the song asked for, under an id derived from its title and artist, except a
/// title that starts with <see cref="UnlistedPrefix"/>, which it never finds; <c>/v1/tracks/{id}</c> knows only the
/// tracks added with <see cref="AddTrack"/>. ReccoBeats answers as the real one does (MusicServiceFakes.ReccoBeats.cs).
/// </summary>
public sealed partial class MusicServiceFakes : IDisposable
{
    /// <summary>Search finds no track for a song whose title starts with this: the song stays unmatched until mapped by hand.</summary>
    public const string UnlistedPrefix = "Unlisted";

    private readonly ConcurrentDictionary<string, (string Title, string Artist)> _tracks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _challenges = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _listenerTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _listenerRefreshTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Id, string Title, string Artist)> _topTracks = new();
    private readonly ConcurrentQueue<string> _listenerCredentials = new();
    private readonly ConcurrentQueue<string> _searchQueries = new();

    public MusicServiceFakes()
    {
        Server = WireMockServer.Start();
        Server.Given(Request.Create().WithPath("/api/token").UsingPost())
            .RespondWith(Response.Create().WithCallback(TokenAnswer));
        Server.Given(Request.Create().WithPath("/authorize").UsingGet())
            .RespondWith(Response.Create().WithCallback(AuthorizeAnswer));
        Server.Given(Request.Create().WithPath("/v1/me/top/tracks").UsingGet())
            .RespondWith(Response.Create().WithCallback(TopTracksAnswer));
        Server.Given(Request.Create().WithPath("/v1/search").UsingGet())
            .RespondWith(Response.Create().WithCallback(SearchOrFaultAsync));
        Server.Given(Request.Create().WithPath(new RegexMatcher("^/v1/tracks/[^/]+$")).UsingGet())
            .RespondWith(Response.Create().WithCallback(TrackAnswer));
        Server.Given(Request.Create().WithPath(ReccoBeatsPrefix + "/audio-features").UsingGet())
            .RespondWith(Response.Create().WithCallback(FeaturesOrFaultAsync));
    }

    public WireMockServer Server { get; }

    public string AccountsBaseUrl => Server.Urls[0];

    public string SpotifyApiBaseUrl => Server.Urls[0] + "/v1";

    /// <summary>A 22-character base-62 id (Spotify's shape), the same for the same text.</summary>
    public static string TrackIdFor(string title, string artist)
    {
        const string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{title}\n{artist}"));
        return new string([.. hash.Take(22).Select(b => alphabet[b % alphabet.Length])]);
    }

    /// <summary>A track <c>/v1/tracks/{id}</c> answers with from now on (Spotify answers 404 for any other id).</summary>
    public void AddTrack(string id, string title, string artist) => _tracks[id] = (title, artist);

    /// <summary>
    /// A listener's top tracks: <c>/v1/me/top/tracks</c> answers them to a bearer token that the sign-in's code exchange
    /// handed out (401 to any other).
    /// </summary>
    public void AddTopTrack(string title, string artist) => _topTracks.Enqueue((TrackIdFor(title, artist), title, artist));

    /// <summary>The access tokens the code exchange (or a refresh) has handed out to signed-in listeners.</summary>
    public IReadOnlyCollection<string> ListenerAccessTokens => [.. _listenerTokens.Keys];

    /// <summary>Every sign-in code, PKCE verifier, access and refresh token of a listener that passed through the fake.</summary>
    public IReadOnlyCollection<string> ListenerCredentials => [.. _listenerCredentials];

    /// <summary>The app token the client-credentials grant (the enrichment's) hands out.</summary>
    public string AppAccessToken { get; set; } = "fake-token";

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
        if (SpotifyRefusal(request) is { } refused)
        {
            return refused;
        }

        var authorization = request.Headers?.TryGetValue("Authorization", out var values) == true ? values.FirstOrDefault() ?? "" : "";
        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal) || !_listenerTokens.ContainsKey(authorization["Bearer ".Length..]))
        {
            return JsonMessage(401, """{"error":{"status":401,"message":"Invalid access token"}}""");
        }

        var items = _topTracks.Select(t => TrackJson(t.Id, t.Title, t.Artist)).ToArray();
        return JsonMessage(200, JsonSerializer.Serialize(new { items, total = items.Length, limit = 20, offset = 0 }));
    }

    private static ResponseMessage JsonMessage(int status, string body) => new()
    {
        StatusCode = status,
        Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/json") },
        BodyData = new BodyData { DetectedBodyType = BodyType.String, BodyAsString = body },
    };

    /// <summary>
    /// What Spotify's search does instead of answering, while set: a fault test's 429 storm, 5xx burst, hang or slow
    /// answer. It gets the plain query and returns the answer to give, or null to answer normally (after any delay it made).
    /// </summary>
    public Func<string, Task<ResponseMessage?>>? SearchFault { get; set; }

    /// <summary>Every search query Spotify was asked, in order (the fielded form), faulted or not.</summary>
    public IReadOnlyCollection<string> SearchQueries => [.. _searchQueries];

    private async Task<IResponseMessage> SearchOrFaultAsync(IRequestMessage request)
    {
        var q = Query(request, "q");
        _searchQueries.Enqueue(q);
        if (SpotifyRefusal(request) is { } refused)
        {
            return refused;
        }

        if (SearchFault is { } fault && await fault(q) is { } faulted)
        {
            return faulted;
        }

        return JsonMessage(200, SearchAnswer(request));
    }

    /// <summary>A JSON answer with a status (and headers such as Retry-After), for <see cref="SearchFault"/>.</summary>
    public static ResponseMessage Answer(int status, string body, params (string Name, string Value)[] headers)
    {
        var message = JsonMessage(status, body);
        foreach (var (name, value) in headers)
        {
            message.Headers![name] = new(value);
        }

        return message;
    }

    private static string SearchAnswer(IRequestMessage request)
    {
        // Enrichment asks `track:"…" artist:"…"` first, and the plain text only if that finds nothing close.
        var q = Query(request, "q");
        var fielded = FieldedQuery().Match(q);
        var (title, artist) = fielded.Success ? (fielded.Groups["track"].Value, fielded.Groups["artist"].Value) : (q, q);
        if (title.StartsWith(UnlistedPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return JsonSerializer.Serialize(new { tracks = new { href = "fake", limit = 10, offset = 0, total = 0, items = Array.Empty<object>() } });
        }

        var track = TrackJson(TrackIdFor(title, artist), title, artist);
        return JsonSerializer.Serialize(new { tracks = new { href = "fake", limit = 10, offset = 0, total = 1, items = new[] { track } } });
    }

    private ResponseMessage TrackAnswer(IRequestMessage request)
    {
        if (SpotifyRefusal(request) is { } refused)
        {
            return refused;
        }

        var id = request.Path[(request.Path.LastIndexOf('/') + 1)..];
        var found = _tracks.TryGetValue(id, out var known);
        return new ResponseMessage
        {
            StatusCode = found ? 200 : 404,
            Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/json") },
            BodyData = new BodyData
            {
                DetectedBodyType = BodyType.String,
                BodyAsString = found
                    ? JsonSerializer.Serialize(TrackJson(id, known.Title, known.Artist))
                    : """{"error":{"status":404,"message":"Non existing id"}}""",
            },
        };
    }

    private static object TrackJson(string id, string title, string artist) =>
        new
        {
            id,
            name = title,
            artists = new[] { new { id = "artist" + id[..16], name = artist } },
            album = new { name = $"{title} (single)", release_date = "2024-05-17", images = Array.Empty<object>() },
            duration_ms = 180_000 + (id[0] * 1_000),
            // A development-mode app gets no popularity, external_ids or available_markets.
            type = "track",
        };

    private static string Query(IRequestMessage request, string name) =>
        HttpUtility.ParseQueryString(new Uri(request.Url).Query)[name] ?? "";

    [GeneratedRegex("^track:\"(?<track>[^\"]*)\" artist:\"(?<artist>[^\"]*)\"$")]
    private static partial Regex FieldedQuery();

    public void Dispose() => Server.Stop();
}
