using System.Text.RegularExpressions;
using SpotifyDashboard.Enrichment.Songs;

namespace SpotifyDashboard.Api.Analysis;

/// <summary>
/// The checks of a visitor's song (<c>POST /api/predict-major</c>, <c>POST /api/twins</c>) and listener
/// (<c>POST /api/compare</c>): errors by field, none when it is fine.
/// </summary>
public static partial class RequestValidation
{
    public const int MaxLength = 200;
    public const string DemoIdPrefix = "demo:";

    public static Dictionary<string, string[]> Validate(this PredictMajorRequest request) =>
        SongErrors(request.Song, request.Artist, "predict a major for");

    /// <summary>The song's checks plus the number of twins.</summary>
    public static Dictionary<string, string[]> Validate(this TwinsRequest request, int maxTwins) =>
        CheckTwins(SongErrors(request.Song, request.Artist, "find twins for"), request.K, maxTwins);

    /// <summary>Also reads the track ids into plain ids (duplicates dropped, order kept).</summary>
    public static Dictionary<string, string[]> Validate(this CompareRequest request, int maxTwins, out IReadOnlyList<string> trackIds)
    {
        var errors = new Dictionary<string, string[]>();
        var ids = new List<string>();
        trackIds = ids;
        var given = request.TrackIds ?? [];
        var songs = request.Songs ?? [];
        var kinds = (given.Count > 0 ? 1 : 0) + (songs.Count > 0 ? 1 : 0) + (request.DemoListener ? 1 : 0);
        if (kinds > 1)
        {
            errors["trackIds"] = ["Give one of trackIds, songs or demoListener, not several."];
        }
        else if (kinds == 0)
        {
            errors["trackIds"] = [$"trackIds or songs is required: 1 to {CompareLimits.MaxTrackIds} Spotify track ids or links, or 1 to {CompareLimits.MaxSongs} songs by title and artist (or demoListener: true with demo data)."];
        }
        else if (songs.Count > 0)
        {
            SongListErrors(songs, errors);
        }
        else if (given.Count > CompareLimits.MaxTrackIds)
        {
            errors["trackIds"] = [$"trackIds holds at most {CompareLimits.MaxTrackIds} tracks; got {given.Count}."];
        }
        else
        {
            var bad = new List<string>();
            for (var i = 0; i < given.Count; i++)
            {
                if (!TryReadId(given[i], out var id))
                {
                    bad.Add($"trackIds[{i}] is not a Spotify track id, spotify:track: URI or open.spotify.com track link: '{Shorten(given[i])}'.");
                }
                else if (!ids.Contains(id, StringComparer.Ordinal))
                {
                    ids.Add(id);
                }
            }

            if (bad.Count > 0)
            {
                errors["trackIds"] = [.. bad];
            }
        }

        return CheckTwins(errors, request.K, maxTwins);
    }

    private static void SongListErrors(IReadOnlyList<CompareSong> songs, Dictionary<string, string[]> errors)
    {
        if (songs.Count > CompareLimits.MaxSongs)
        {
            errors["songs"] = [$"songs holds at most {CompareLimits.MaxSongs} songs; got {songs.Count}."];
            return;
        }

        var bad = songs.SelectMany((song, i) => SongErrors(song?.Song, song?.Artist, "compare").Values
            .SelectMany(messages => messages).Select(message => $"songs[{i}]: {message}")).ToList();
        if (bad.Count > 0)
        {
            errors["songs"] = [.. bad];
        }
    }

    private static Dictionary<string, string[]> CheckTwins(Dictionary<string, string[]> errors, int? k, int maxTwins)
    {
        if (k is < 1 || k > maxTwins)
        {
            errors["k"] = [$"k must be a whole number from 1 to {maxTwins}; got '{k}'."];
        }

        return errors;
    }

    private static Dictionary<string, string[]> SongErrors(string? song, string? artist, string purpose)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(song))
        {
            errors["song"] = [$"song is required: the title of the song to {purpose}."];
        }
        else if (song.Length > MaxLength)
        {
            errors["song"] = [$"song must be at most {MaxLength} characters."];
        }

        if (artist is { Length: > MaxLength })
        {
            errors["artist"] = [$"artist must be at most {MaxLength} characters."];
        }

        return errors;
    }

    /// <summary>A Spotify id (as <see cref="SpotifyTrackId"/> reads it) or a demo catalogue id such as <c>demo:pop-03</c>.</summary>
    private static bool TryReadId(string? text, out string id)
    {
        if (SpotifyTrackId.TryParse(text, out id))
        {
            return true;
        }

        id = text?.Trim() ?? "";
        return DemoIdPattern().IsMatch(id);
    }

    private static string Shorten(string? text) => text is null ? "" : text.Length > 80 ? text[..80] + "…" : text;

    [GeneratedRegex(@"^demo:[a-z0-9-]{1,40}$")]
    private static partial Regex DemoIdPattern();
}
