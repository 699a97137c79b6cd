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
/// tracks added with <see cref="AddTrack"/>. ReccoBeats knows every id, with features derived from the id, so a class
/// of made-up songs spreads out into clusters and twins the same way on every run.
/// </summary>
public sealed partial class MusicServiceFakes : IDisposable
{
    /// <summary>Search finds no track for a song whose title starts with this: the song stays unmatched until mapped by hand.</summary>
    public const string UnlistedPrefix = "Unlisted";

    private const string ReccoBeatsPrefix = "/recco/v1";

    private readonly ConcurrentDictionary<string, (string Title, string Artist)> _tracks = new(StringComparer.Ordinal);

    public MusicServiceFakes()
    {
        Server = WireMockServer.Start();
        Server.Given(Request.Create().WithPath("/api/token").UsingPost())
            .RespondWith(Json(_ => """{"access_token":"fake-token","token_type":"Bearer","expires_in":3600}"""));
        Server.Given(Request.Create().WithPath("/v1/search").UsingGet())
            .RespondWith(Json(SearchAnswer));
        Server.Given(Request.Create().WithPath(new RegexMatcher("^/v1/tracks/[^/]+$")).UsingGet())
            .RespondWith(Response.Create().WithCallback(TrackAnswer));
        Server.Given(Request.Create().WithPath(ReccoBeatsPrefix + "/audio-features").UsingGet())
            .RespondWith(Json(FeaturesAnswer));
    }

    public WireMockServer Server { get; }

    public string AccountsBaseUrl => Server.Urls[0];

    public string SpotifyApiBaseUrl => Server.Urls[0] + "/v1";

    public string ReccoBeatsBaseUrl => Server.Urls[0] + ReccoBeatsPrefix;

    /// <summary>A 22-character base-62 id (Spotify's shape), the same for the same text.</summary>
    public static string TrackIdFor(string title, string artist)
    {
        const string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{title}\n{artist}"));
        return new string([.. hash.Take(22).Select(b => alphabet[b % alphabet.Length])]);
    }

    /// <summary>A track <c>/v1/tracks/{id}</c> answers with from now on (Spotify answers 404 for any other id).</summary>
    public void AddTrack(string id, string title, string artist) => _tracks[id] = (title, artist);

    private static IResponseBuilder Json(Func<IRequestMessage, string> body) =>
        Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(body);

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
            popularity = id[1] % 100,
            external_ids = new { isrc = "QZ" + id[..10].ToUpperInvariant() },
            type = "track",
        };

    private static string FeaturesAnswer(IRequestMessage request)
    {
        var ids = Query(request, "ids").Split(',', StringSplitOptions.RemoveEmptyEntries);
        return JsonSerializer.Serialize(new { content = ids.Select(FeaturesFor).ToArray() });
    }

    private static object FeaturesFor(string spotifyId)
    {
        var b = SHA256.HashData(Encoding.UTF8.GetBytes(spotifyId));
        double Unit(int i) => b[i] / 255.0;
        return new
        {
            id = new Guid(b[..16]).ToString(),
            href = $"https://open.spotify.com/track/{spotifyId}",
            acousticness = Unit(0),
            danceability = Unit(1),
            energy = Unit(2),
            instrumentalness = Unit(3) * 0.5,
            key = b[4] % 12,
            liveness = Unit(5) * 0.6,
            loudness = -25 + (Unit(6) * 22),
            mode = b[7] % 2,
            speechiness = Unit(8) * 0.4,
            tempo = 70 + (Unit(9) * 110),
            valence = Unit(10),
        };
    }

    private static string Query(IRequestMessage request, string name) =>
        HttpUtility.ParseQueryString(new Uri(request.Url).Query)[name] ?? "";

    [GeneratedRegex("^track:\"(?<track>[^\"]*)\" artist:\"(?<artist>[^\"]*)\"$")]
    private static partial Regex FieldedQuery();

    public void Dispose() => Server.Stop();
}
