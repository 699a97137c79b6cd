using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Web;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace SpotifyDashboard.AppTests;

/// <summary>
/// Spotify (accounts and search) and ReccoBeats on one WireMock server on loopback, in the shapes of
/// ../shared/specs. Search finds exactly the song asked for, under an id derived from its title and artist;
/// ReccoBeats knows every id, with features derived from the id, so a class of made-up songs spreads
/// out into clusters and twins the same way on every run.
/// </summary>
public sealed partial class MusicServiceFakes : IDisposable
{
    private const string ReccoBeatsPrefix = "/recco/v1";

    public MusicServiceFakes()
    {
        Server = WireMockServer.Start();
        Server.Given(Request.Create().WithPath("/api/token").UsingPost())
            .RespondWith(Json(_ => """{"access_token":"fake-token","token_type":"Bearer","expires_in":3600}"""));
        Server.Given(Request.Create().WithPath("/v1/search").UsingGet())
            .RespondWith(Json(SearchAnswer));
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

    private static IResponseBuilder Json(Func<IRequestMessage, string> body) =>
        Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(body);

    private static string SearchAnswer(IRequestMessage request)
    {
        // Enrichment asks `track:"…" artist:"…"` first, and the plain text only if that finds nothing close.
        var q = Query(request, "q");
        var fielded = FieldedQuery().Match(q);
        var (title, artist) = fielded.Success ? (fielded.Groups["track"].Value, fielded.Groups["artist"].Value) : (q, q);
        var id = TrackIdFor(title, artist);
        var track = new
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
        return JsonSerializer.Serialize(new { tracks = new { href = "fake", limit = 10, offset = 0, total = 1, items = new[] { track } } });
    }

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
