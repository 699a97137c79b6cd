using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using SpotifyDashboard.Core.Music;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace SpotifyDashboard.TestSupport;

/// <summary>
/// ReccoBeats' audio features as the real service answers (../shared/REAL-SERVICES.md): 403 to a caller that does not
/// say who it is, 400 to a batch with an id it cannot read or more than 40 ids, and for the rest the rows of the ids it
/// knows, in its own order, each naming its Spotify id in <c>href</c>. It leaves out about one track in seven
/// (<see cref="ReccoBeatsKnows(string)"/>) and detects no key (<c>-1</c>) in about one in four. Features, gaps and keys
/// follow from the id, so a class of made-up songs spreads out into clusters and twins the same way on every run, and a
/// test can tell which of its songs will have features.
/// </summary>
public sealed partial class MusicServiceFakes
{
    public const string ReccoBeatsFeaturesPath = "/recco/v1/audio-features";

    private static readonly JsonSerializerOptions RowJson = new(JsonSerializerDefaults.Web);

    private readonly HashSet<string> _reccoBeatsRefuses = new(StringComparer.Ordinal);

    public string ReccoBeatsBaseUrl => Server.Urls[0] + "/recco/v1";

    /// <summary>What the audio-features endpoint does instead of answering, while set (as <see cref="SearchFault"/>; it gets the ids).</summary>
    public Func<string, Task<ResponseMessage?>>? FeaturesFault { get; set; }

    /// <summary>Whether ReccoBeats has analysed this track (about six in seven).</summary>
    public static bool ReccoBeatsKnows(string spotifyId) => ReccoBeatsHash(spotifyId)[0] % 7 != 0;

    /// <summary>Whether the track search finds for this song is one ReccoBeats has features for.</summary>
    public static bool ReccoBeatsKnows(string title, string artist) => ReccoBeatsKnows(TrackIdFor(title, artist));

    /// <summary>
    /// How a response ends once the worker is done with it, by the fakes' data: enriched when search finds its song and
    /// ReccoBeats knows the track, unmatched otherwise.
    /// </summary>
    public static EnrichmentState SettledState(string title, string artist) =>
        !title.StartsWith(UnlistedPrefix, StringComparison.OrdinalIgnoreCase) && ReccoBeatsKnows(title, artist)
            ? EnrichmentState.Enriched
            : EnrichmentState.Unmatched;

    /// <summary>The pitch class ReccoBeats detected, or null where it sends <c>-1</c>.</summary>
    public static int? ReccoBeatsKeyFor(string spotifyId) => ReccoBeatsHash(spotifyId)[1] % 4 == 0 ? null : FeatureBytes(spotifyId)[4] % 12;

    /// <summary>Different for nearly every id, so features put on the wrong track show.</summary>
    public static double DanceabilityFor(string spotifyId) => FeatureBytes(spotifyId)[1] / 255.0;

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
    public void UseReccoBeatsFeatures(params string[] unknownIds) => UseReccoBeatsFeatures(TestPriority, unknownIds);

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
            .RespondWith(Response.Create().WithCallback(request => FeaturesOrFaultAsync(request, unknownIds)));

    private async Task<IResponseMessage> FeaturesOrFaultAsync(IRequestMessage request, string[] unknownIds)
    {
        var userAgent = request.Headers?.TryGetValue("User-Agent", out var values) == true ? string.Join(' ', values) : "";
        if (string.IsNullOrWhiteSpace(userAgent) || userAgent.StartsWith("python", StringComparison.OrdinalIgnoreCase))
        {
            return JsonMessage(403, """{"error":"Forbidden"}""");
        }

        if (FeaturesFault is { } fault && await fault(Query(request, "ids")) is { } faulted)
        {
            return faulted;
        }

        var ids = Query(request, "ids").Split(',', StringSplitOptions.RemoveEmptyEntries);
        bool refused;
        lock (_reccoBeatsRefuses)
        {
            refused = ids.Any(_reccoBeatsRefuses.Contains);
        }

        if (ids.Length is 0 or > 40 || refused || !ids.All(id => SpotifyIdShape().IsMatch(id)))
        {
            return JsonMessage(400, """{"error":"Bad Request"}""");
        }

        var rows = ids.Distinct(StringComparer.Ordinal)
            .Where(id => ReccoBeatsKnows(id) && !unknownIds.Contains(id))
            .Select(FeaturesFor)
            .OrderBy(row => row.Id, StringComparer.Ordinal);
        return JsonMessage(200, JsonSerializer.Serialize(new { content = rows }, RowJson));
    }

    private static ReccoBeatsRow FeaturesFor(string spotifyId)
    {
        var b = FeatureBytes(spotifyId);
        double Unit(int i) => b[i] / 255.0;
        return new ReccoBeatsRow(
            new Guid(b[..16]).ToString(),
            $"https://open.spotify.com/track/{spotifyId}",
            Acousticness: Unit(0),
            Danceability: DanceabilityFor(spotifyId),
            Energy: Unit(2),
            Instrumentalness: Unit(3) * 0.5,
            Key: ReccoBeatsKeyFor(spotifyId) ?? -1,
            Liveness: Unit(5) * 0.6,
            Loudness: -25 + (Unit(6) * 22),
            Mode: b[7] % 2,
            Speechiness: Unit(8) * 0.4,
            Tempo: 70 + (Unit(9) * 110),
            Valence: Unit(10));
    }

    private static byte[] FeatureBytes(string spotifyId) => SHA256.HashData(Encoding.UTF8.GetBytes(spotifyId));

    private static byte[] ReccoBeatsHash(string spotifyId) => SHA256.HashData(Encoding.UTF8.GetBytes("reccobeats|" + spotifyId));

    [GeneratedRegex("^[0-9A-Za-z]{22}$")]
    private static partial Regex SpotifyIdShape();

    private sealed record ReccoBeatsRow(
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
