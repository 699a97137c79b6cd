using System.Text.RegularExpressions;

namespace SpotifyDashboard.Enrichment.Songs;

/// <summary>Reads a Spotify track id from what an admin pastes: an id, a <c>spotify:track:</c> URI or an open.spotify.com URL.</summary>
public static partial class SpotifyTrackId
{
    public static bool TryParse(string? text, out string id)
    {
        id = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var match = TrackIdPattern().Match(text.Trim());
        if (!match.Success)
        {
            return false;
        }

        id = match.Groups["id"].Value;
        return true;
    }

    [GeneratedRegex(@"^(?:(?:https?://open\.spotify\.com/(?:intl-[a-z]+/)?track/)|(?:spotify:track:))?(?<id>[A-Za-z0-9]{22})(?:[?#].*)?$")]
    private static partial Regex TrackIdPattern();
}
