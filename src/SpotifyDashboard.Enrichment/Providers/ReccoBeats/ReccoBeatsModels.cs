using SpotifyDashboard.Core.Music;

namespace SpotifyDashboard.Enrichment.Providers.ReccoBeats;

// GET /v1/audio-features?ids=… → {"content":[{"id": <uuid>, "href": "https://open.spotify.com/track/<id>", …}]}

internal sealed record ReccoBeatsFeaturesResponse(List<ReccoBeatsFeatures?>? Content);

internal sealed record ReccoBeatsFeatures(
    string? Id,
    string? Href,
    double? Acousticness,
    double? Danceability,
    double? Energy,
    double? Instrumentalness,
    double? Key,
    double? Liveness,
    double? Loudness,
    double? Mode,
    double? Speechiness,
    double? Tempo,
    double? Valence)
{
    /// <summary>The Spotify id is the last path segment of <see cref="Href"/>.</summary>
    public string? SpotifyId()
    {
        if (string.IsNullOrEmpty(Href) || !Uri.TryCreate(Href, UriKind.Absolute, out var uri))
        {
            return null;
        }

        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length >= 2 && segments[^2] == "track" ? segments[^1] : null;
    }

    /// <summary>
    /// ReccoBeats has no time signature and no duration: those stay missing here. A key outside the twelve pitch classes
    /// (ReccoBeats sends -1 when it detected none) and a mode other than minor (0) or major (1) are missing too.
    /// </summary>
    public AudioFeatures ToFeatures() => new()
    {
        Acousticness = Acousticness,
        Danceability = Danceability,
        Energy = Energy,
        Instrumentalness = Instrumentalness,
        Key = WholeIn(Key, 0, 11),
        Liveness = Liveness,
        Loudness = Loudness,
        Mode = WholeIn(Mode, 0, 1),
        Speechiness = Speechiness,
        Tempo = Tempo,
        Valence = Valence,
    };

    private static int? WholeIn(double? value, int min, int max) =>
        value is { } v && double.IsFinite(v) && Math.Round(v) >= min && Math.Round(v) <= max ? (int)Math.Round(v) : null;
}
