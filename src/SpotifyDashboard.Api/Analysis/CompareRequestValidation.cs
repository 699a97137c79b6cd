using System.Text.RegularExpressions;
using SpotifyDashboard.Core.Contracts.Dashboard;
using SpotifyDashboard.Enrichment.Songs;

namespace SpotifyDashboard.Api.Analysis;

/// <summary>The checks of <c>POST /api/compare</c>, and its track ids read into plain ids (duplicates dropped, order kept).</summary>
public static partial class CompareRequestValidation
{
    public const int MaxTracks = 50;
    public const string DemoIdPrefix = "demo:";

    public static Dictionary<string, string[]> Validate(this CompareRequest request, int maxTwins, out IReadOnlyList<string> trackIds)
    {
        var errors = new Dictionary<string, string[]>();
        var ids = new List<string>();
        trackIds = ids;
        var given = request.TrackIds ?? [];
        if (request.DemoListener && given.Count > 0)
        {
            errors["trackIds"] = ["Give either trackIds or demoListener, not both."];
        }
        else if (!request.DemoListener && given.Count == 0)
        {
            errors["trackIds"] = ["trackIds is required: 1 to 50 Spotify track ids or links (or demoListener: true with demo data)."];
        }
        else if (given.Count > MaxTracks)
        {
            errors["trackIds"] = [$"trackIds holds at most {MaxTracks} tracks; got {given.Count}."];
        }
        else
        {
            var bad = new List<string>();
            for (var i = 0; i < given.Count; i++)
            {
                if (TryReadId(given[i], out var id))
                {
                    if (!ids.Contains(id, StringComparer.Ordinal))
                    {
                        ids.Add(id);
                    }
                }
                else
                {
                    bad.Add($"trackIds[{i}] is not a Spotify track id, spotify:track: URI or open.spotify.com track link: '{Shorten(given[i])}'.");
                }
            }

            if (bad.Count > 0)
            {
                errors["trackIds"] = [.. bad];
            }
        }

        if (request.K is < 1 || request.K > maxTwins)
        {
            errors["k"] = [$"k must be a whole number from 1 to {maxTwins}; got '{request.K}'."];
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
