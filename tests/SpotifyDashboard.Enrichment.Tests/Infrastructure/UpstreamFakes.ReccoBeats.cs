using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Types;
using WireMock.Util;

namespace SpotifyDashboard.Enrichment.Tests.Infrastructure;

/// <summary>
/// ReccoBeats' audio features as the real service answers (../shared/REAL-SERVICES.md): 403 to a caller that does not
/// say who it is, 400 to a batch with an id it cannot read or more than 40 ids, and for the rest the features of the ids
/// it knows, in its own order, each row naming its Spotify id in <c>href</c>. It does not know about one id in seven
/// (<see cref="ReccoBeatsKnows"/>) and detects no key (<c>-1</c>) in some (<see cref="ReccoBeatsKeyFor"/>); both
/// follow from the id, so a test can tell in advance what it will get.
/// </summary>
public sealed partial class UpstreamFakes
{
    public const string ReccoBeatsFeaturesPath = "/recco/v1/audio-features";

    private static readonly JsonSerializerOptions CamelCase = new(JsonSerializerDefaults.Web);

    private readonly HashSet<string> _reccoBeatsRefuses = new(StringComparer.Ordinal);

    public string ReccoBeatsBaseUrl => Server.Urls[0] + "/recco/v1";

    /// <summary>Whether ReccoBeats has analysed this track (six in seven).</summary>
    public static bool ReccoBeatsKnows(string spotifyId) => Hash(spotifyId)[0] % 7 != 0;

    /// <summary>The pitch class ReccoBeats detected, or null where it sends <c>-1</c> (about one in four).</summary>
    public static int? ReccoBeatsKeyFor(string spotifyId) => Hash(spotifyId)[1] % 4 == 0 ? null : Hash(spotifyId)[2] % 12;

    /// <summary>Different for nearly every id, so features put on the wrong track show.</summary>
    public static double DanceabilityFor(string id) => Hash(id)[3] / 255.0;

    /// <summary>A Spotify-shaped id no test has used, of a track ReccoBeats knows (or, with false, does not know).</summary>
    public static string FreshId(bool knownToReccoBeats = true)
    {
        while (true)
        {
            var id = IdFor(Guid.NewGuid().ToString());
            if (ReccoBeatsKnows(id) == knownToReccoBeats)
            {
                return id;
            }
        }
    }

    /// <summary>ReccoBeats knows every id it knows anyway, less those listed.</summary>
    public void UseReccoBeatsFeatures(params string[] unknownIds) => UseReccoBeatsFeatures(1, unknownIds);

    /// <summary>From now on ReccoBeats answers 400 to any batch with one of these ids.</summary>
    public void ReccoBeatsRefuses(params string[] ids)
    {
        lock (_reccoBeatsRefuses)
        {
            _reccoBeatsRefuses.UnionWith(ids);
        }
    }

    private void UseReccoBeatsFeatures(int priority, string[] unknownIds) =>
        Server.Given(Request.Create().WithPath(ReccoBeatsFeaturesPath).UsingGet()).AtPriority(priority)
            .RespondWith(Response.Create().WithCallback(request => ReccoBeatsAnswer(request, unknownIds)));

    private ResponseMessage ReccoBeatsAnswer(IRequestMessage request, string[] unknownIds)
    {
        var userAgent = request.Headers?.TryGetValue("User-Agent", out var values) == true ? string.Join(' ', values) : "";
        if (string.IsNullOrWhiteSpace(userAgent) || userAgent.StartsWith("python", StringComparison.OrdinalIgnoreCase))
        {
            return Json(403, """{"error":"Forbidden"}""");
        }

        var ids = Ids(request).ToArray();
        bool refused;
        lock (_reccoBeatsRefuses)
        {
            refused = ids.Any(_reccoBeatsRefuses.Contains);
        }

        if (ids.Length is 0 or > 40 || refused || !ids.All(id => SpotifyId().IsMatch(id)))
        {
            return Json(400, """{"error":"Bad Request"}""");
        }

        var rows = ids.Distinct()
            .Where(id => ReccoBeatsKnows(id) && !unknownIds.Contains(id))
            .Select(ReccoBeatsRow)
            .OrderBy(row => row.Id, StringComparer.Ordinal);
        return Json(200, JsonSerializer.Serialize(new { content = rows }, CamelCase));
    }

    private static ReccoBeatsFeatureRow ReccoBeatsRow(string spotifyId) => new(
        new Guid(Hash(spotifyId)[..16]).ToString(),
        $"https://open.spotify.com/track/{spotifyId}",
        Acousticness: 0.1,
        Danceability: DanceabilityFor(spotifyId),
        Energy: 0.8,
        Instrumentalness: 0.0,
        Key: ReccoBeatsKeyFor(spotifyId) ?? -1,
        Liveness: 0.1,
        Loudness: -5.5,
        Mode: 1,
        Speechiness: 0.05,
        Tempo: 120.0,
        Valence: 0.6);

    private static byte[] Hash(string id) => SHA256.HashData(Encoding.UTF8.GetBytes("reccobeats|" + id));

    private static ResponseMessage Json(int status, string body) => new()
    {
        StatusCode = status,
        Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/json") },
        BodyData = new BodyData { DetectedBodyType = BodyType.String, BodyAsString = body },
    };

    [GeneratedRegex("^[0-9A-Za-z]{22}$")]
    private static partial Regex SpotifyId();

    private sealed record ReccoBeatsFeatureRow(
        string Id,
        string Href,
        double Acousticness,
        double Danceability,
        double Energy,
        double Instrumentalness,
        int Key,
        double Liveness,
        double Loudness,
        int Mode,
        double Speechiness,
        double Tempo,
        double Valence);
}
