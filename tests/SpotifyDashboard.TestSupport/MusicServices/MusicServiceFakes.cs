using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Web;
using WireMock;
using WireMock.Logging;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace SpotifyDashboard.TestSupport;

/// <summary>
/// Spotify (accounts, search, tracks by id, a listener's top tracks) and ReccoBeats on one WireMock server on loopback,
/// as ../shared/REAL-SERVICES.md describes them: Spotify's rules for a development-mode app in
/// MusicServiceFakes.Spotify.cs, ReccoBeats in MusicServiceFakes.ReccoBeats.cs. Every answer follows from the request,
/// so a test can tell in advance what it gets. The defaults sit at a low priority: a test's own mapping for a route
/// (<see cref="Fail"/>, <see cref="UseSearchResults"/>, …) wins, and Spotify's rules win over both.
/// </summary>
public sealed partial class MusicServiceFakes : IDisposable
{
    public const string TokenPath = "/api/token";
    public const string SearchPath = "/v1/search";

    /// <summary>Spotify's own audio features, gone for development-mode apps: the fake has no answer there (404).</summary>
    public const string SpotifyFeaturesPath = "/v1/audio-features";

    private const int DefaultPriority = 100;
    private const int TestPriority = 1;

    private readonly ConcurrentDictionary<string, (string Title, string Artist)> _tracks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _challenges = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _listenerTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _listenerRefreshTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Id, string Title, string Artist)> _topTracks = new();
    private readonly ConcurrentQueue<string> _listenerCredentials = new();

    public MusicServiceFakes()
    {
        Server = WireMockServer.Start();
        Default(Request.Create().WithPath(TokenPath).UsingPost(), TokenAnswer);
        Default(Request.Create().WithPath("/authorize").UsingGet(), AuthorizeAnswer);
        Default(Request.Create().WithPath("/v1/me/top/tracks").UsingGet(), TopTracksAnswer);
        Server.Given(Request.Create().WithPath(SearchPath).UsingGet()).AtPriority(DefaultPriority)
            .RespondWith(Response.Create().WithCallback(SearchOrFaultAsync));
        Default(Request.Create().WithPath(new RegexMatcher("^/v1/tracks/[^/]+$")).UsingGet(), TrackAnswer);
        UseReccoBeatsFeatures(DefaultPriority, []);
        UseDevelopmentModeSearchLimit();
    }

    public WireMockServer Server { get; }

    public string AccountsBaseUrl => Server.Urls[0];

    public string SpotifyApiBaseUrl => Server.Urls[0] + "/v1";

    public int Calls(string path) => Server.LogEntries.Count(e => e.RequestMessage.Path == path);

    public int AllCalls => Server.LogEntries.Count;

    public IEnumerable<ILogEntry> Entries(string path) => Server.LogEntries.Where(e => e.RequestMessage.Path == path);

    /// <summary>A 22-character base-62 id (Spotify's shape), the same for the same text.</summary>
    public static string IdFor(string text)
    {
        const string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return new string([.. hash.Take(22).Select(b => alphabet[b % alphabet.Length])]);
    }

    /// <summary>The id of the track search finds for this song.</summary>
    public static string TrackIdFor(string title, string artist) => IdFor($"{title}\n{artist}");

    /// <summary>A track object as a development-mode app gets it: no popularity, external ids or markets.</summary>
    public static object Track(string id, string name, string artist, string album = "Album") => new
    {
        id,
        name,
        artists = new[] { new { id = IdFor("artist\n" + artist), name = artist } },
        album = new
        {
            name = album,
            release_date = "1999-01-01",
            images = new[] { new { url = $"https://i.scdn.co/image/{id}", width = 640, height = 640 } },
        },
        duration_ms = 180_000 + (id[0] * 1_000),
        type = "track",
    };

    /// <summary>A track without album images and with a year for its date, as some are.</summary>
    public static object BareTrack(string id, string name, string artist) => new
    {
        id,
        name,
        artists = new[] { new { id = IdFor("artist\n" + artist), name = artist } },
        album = new { name = "Album", release_date = "2001", images = Array.Empty<object>() },
        duration_ms = 210_000,
        type = "track",
    };

    /// <summary>A track <c>/v1/tracks/{id}</c> answers with from now on (Spotify answers 404 for any other id).</summary>
    public void AddTrack(string id, string title, string artist) => _tracks[id] = (title, artist);

    /// <summary>Search finds these tracks, whatever it is asked.</summary>
    public void UseSearchResults(params object[] tracks) =>
        Server.Given(Request.Create().WithPath(SearchPath).UsingGet()).AtPriority(TestPriority)
            .RespondWith(Response.Create().WithCallback(_ => JsonMessage(200, SearchBody(tracks))));

    /// <summary>A route that answers with this status (and headers) until the mapping is deleted.</summary>
    public Guid Fail(string path, int status, string body = "", params (string Name, string Value)[] headers)
    {
        var id = Guid.NewGuid();
        Server.Given(Request.Create().WithPath(path)).WithGuid(id).AtPriority(TestPriority).RespondWith(WithHeaders(Response.Create().WithStatusCode(status).WithBody(body), headers));
        return id;
    }

    /// <summary>The route fails once with this status and headers, then the default answer takes over.</summary>
    public void FailOnce(string path, int status, params (string Name, string Value)[] headers) =>
        Server.Given(Request.Create().WithPath(path)).AtPriority(TestPriority).InScenario(Guid.NewGuid().ToString()).WillSetStateTo("failed-once")
            .RespondWith(WithHeaders(Response.Create().WithStatusCode(status), headers));

    public void Hang(string path, TimeSpan delay) =>
        Server.Given(Request.Create().WithPath(path)).AtPriority(TestPriority)
            .RespondWith(Response.Create().WithStatusCode(200).WithDelay(delay).WithBody("{}"));

    /// <summary>A JSON answer with a status (and headers such as Retry-After), for <see cref="SearchFault"/> and <see cref="FeaturesFault"/>.</summary>
    public static ResponseMessage Answer(int status, string body, params (string Name, string Value)[] headers)
    {
        var message = JsonMessage(status, body);
        foreach (var (name, value) in headers)
        {
            message.Headers![name] = new(value);
        }

        return message;
    }

    private void Default(IRequestBuilder request, Func<IRequestMessage, ResponseMessage> answer) =>
        Server.Given(request).AtPriority(DefaultPriority).RespondWith(Response.Create().WithCallback(answer));

    private static IResponseBuilder WithHeaders(IResponseBuilder response, (string Name, string Value)[] headers)
    {
        foreach (var (name, value) in headers)
        {
            response = response.WithHeader(name, value);
        }

        return response;
    }

    private static ResponseMessage JsonMessage(int status, string body) => new()
    {
        StatusCode = status,
        Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/json") },
        BodyData = new BodyData { DetectedBodyType = BodyType.String, BodyAsString = body },
    };

    private static string SearchBody(params object[] tracks) =>
        JsonSerializer.Serialize(new { tracks = new { href = "fake", limit = 10, offset = 0, total = tracks.Length, items = tracks } });

    private static string Query(IRequestMessage request, string name) =>
        HttpUtility.ParseQueryString(new Uri(request.Url).Query)[name] ?? "";

    public void Dispose() => Server.Stop();
}
