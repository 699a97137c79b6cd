using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using SpotifyDashboard.Core.Music;
using WireMock;

namespace SpotifyDashboard.AppTests;

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
    private const string ReccoBeatsPrefix = "/recco/v1";

    public string ReccoBeatsBaseUrl => Server.Urls[0] + ReccoBeatsPrefix;

    /// <summary>What ReccoBeats' audio-features endpoint does instead of answering, while set (as <see cref="SearchFault"/>; it gets the ids).</summary>
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

    private async Task<IResponseMessage> FeaturesOrFaultAsync(IRequestMessage request)
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
        if (ids.Length is 0 or > 40 || !ids.All(id => SpotifyIdShape().IsMatch(id)))
        {
            return JsonMessage(400, """{"error":"Bad Request"}""");
        }

        var rows = ids.Distinct(StringComparer.Ordinal).Where(ReccoBeatsKnows).Select(FeaturesFor).OrderBy(row => row.Id, StringComparer.Ordinal);
        return JsonMessage(200, JsonSerializer.Serialize(new { content = rows }, RowJson));
    }

    private static ReccoBeatsRow FeaturesFor(string spotifyId)
    {
        var b = SHA256.HashData(Encoding.UTF8.GetBytes(spotifyId));
        double Unit(int i) => b[i] / 255.0;
        return new ReccoBeatsRow(
            new Guid(b[..16]).ToString(),
            $"https://open.spotify.com/track/{spotifyId}",
            Acousticness: Unit(0),
            Danceability: Unit(1),
            Energy: Unit(2),
            Instrumentalness: Unit(3) * 0.5,
            Key: ReccoBeatsHash(spotifyId)[1] % 4 == 0 ? -1 : b[4] % 12,
            Liveness: Unit(5) * 0.6,
            Loudness: -25 + (Unit(6) * 22),
            Mode: b[7] % 2,
            Speechiness: Unit(8) * 0.4,
            Tempo: 70 + (Unit(9) * 110),
            Valence: Unit(10));
    }

    private static byte[] ReccoBeatsHash(string spotifyId) => SHA256.HashData(Encoding.UTF8.GetBytes("reccobeats|" + spotifyId));

    private static readonly JsonSerializerOptions RowJson = new(JsonSerializerDefaults.Web);

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
