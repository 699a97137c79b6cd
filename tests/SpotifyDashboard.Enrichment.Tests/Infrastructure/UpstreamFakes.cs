using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Web;
using WireMock;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace SpotifyDashboard.Enrichment.Tests.Infrastructure;

/// <summary>
/// Spotify (accounts + Web API) and ReccoBeats on one WireMock server on loopback, shaped by
/// ../shared/specs: search answers with a track named after the query; ReccoBeats as it really behaves
/// (UpstreamFakes.ReccoBeats.cs). Tests override single routes to misbehave.
/// </summary>
public sealed partial class UpstreamFakes : IDisposable
{
    public const string TokenPath = "/api/token";
    public const string SearchPath = "/v1/search";
    public const string SpotifyFeaturesPath = "/v1/audio-features";

    private const int DefaultPriority = 100;

    public UpstreamFakes()
    {
        Server = WireMockServer.Start();
        // Defaults at a low priority, so a test's own answer for a route wins.
        UseWorkingToken(DefaultPriority);
        UseEchoSearch(DefaultPriority);
        UseReccoBeatsFeatures(DefaultPriority, []);
        UseDevelopmentModeSearchLimit();
    }

    public WireMockServer Server { get; }

    public string AccountsBaseUrl => Server.Urls[0];

    public string ApiBaseUrl => Server.Urls[0] + "/v1";

    public int Calls(string path) => Server.LogEntries.Count(e => e.RequestMessage.Path == path);

    public int AllCalls => Server.LogEntries.Count;

    public IEnumerable<ILogEntry> Entries(string path) => Server.LogEntries.Where(e => e.RequestMessage.Path == path);

    public void UseWorkingToken(int priority = 1) =>
        Server.Given(Request.Create().WithPath(TokenPath).UsingPost()).AtPriority(priority)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody("""{"access_token":"token-1","token_type":"Bearer","expires_in":3600}"""));

    /// <summary>Search finds exactly the track asked for (fielded or plain query).</summary>
    public void UseEchoSearch(int priority = 1) =>
        Server.Given(Request.Create().WithPath(SearchPath).UsingGet()).AtPriority(priority)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody(request => SearchBody(EchoTrack(request))));

    public void UseSearchResults(params object[] tracks) =>
        Server.Given(Request.Create().WithPath(SearchPath).UsingGet()).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody(SearchBody(tracks)));

    /// <summary>A route that answers with this status (and headers) until the mapping is deleted.</summary>
    public Guid Fail(string path, int status, string body = "", params (string Name, string Value)[] headers)
    {
        var id = Guid.NewGuid();
        var response = Response.Create().WithStatusCode(status).WithBody(body);
        foreach (var (name, value) in headers)
        {
            response = response.WithHeader(name, value);
        }

        Server.Given(Request.Create().WithPath(path)).WithGuid(id).AtPriority(1).RespondWith(response);
        return id;
    }

    /// <summary>The route fails once with this status and headers, then the default answer takes over.</summary>
    public void FailOnce(string path, int status, params (string Name, string Value)[] headers)
    {
        var response = Response.Create().WithStatusCode(status);
        foreach (var (name, value) in headers)
        {
            response = response.WithHeader(name, value);
        }

        var scenario = Guid.NewGuid().ToString();
        Server.Given(Request.Create().WithPath(path)).AtPriority(1).InScenario(scenario).WillSetStateTo("failed-once").RespondWith(response);
    }

    public void Hang(string path, TimeSpan delay) =>
        Server.Given(Request.Create().WithPath(path)).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithDelay(delay).WithBody("{}"));

    public static object Track(string id, string name, string artist, string album = "Album") => new
    {
        id,
        name,
        artists = new[] { new { id = "artist-" + artist.Length, name = artist } },
        album = new
        {
            name = album,
            release_date = "1999-01-01",
            images = new[] { new { url = $"https://i.scdn.co/image/{id}", width = 640, height = 640 } },
        },
        duration_ms = 200_000 + name.Length,
        type = "track",
    };

    /// <summary>A 22-character base-62 id, stable for the same text.</summary>
    public static string IdFor(string text)
    {
        const string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return new string([.. hash.Take(22).Select(b => alphabet[b % alphabet.Length])]);
    }

    private static object EchoTrack(IRequestMessage request)
    {
        var q = HttpUtility.ParseQueryString(new Uri(request.Url).Query)["q"] ?? "";
        var fielded = FieldedQuery().Match(q);
        var (title, artist) = fielded.Success ? (fielded.Groups["track"].Value, fielded.Groups["artist"].Value) : (q, q);
        return Track(IdFor($"{title}|{artist}"), title, artist);
    }

    private static string SearchBody(params object[] tracks) =>
        JsonSerializer.Serialize(new { tracks = new { href = "x", limit = 10, offset = 0, total = tracks.Length, items = tracks } });

    private static IEnumerable<string> Ids(IRequestMessage request) =>
        (HttpUtility.ParseQueryString(new Uri(request.Url).Query)["ids"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);

    [GeneratedRegex("^track:\"(?<track>[^\"]*)\" artist:\"(?<artist>[^\"]*)\"$")]
    private static partial Regex FieldedQuery();

    public void Dispose() => Server.Stop();
}
