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

    /// <summary>ReccoBeats has no time signature and no duration: those stay missing here.</summary>
    public AudioFeatures ToFeatures() => new()
    {
        Acousticness = Acousticness,
        Danceability = Danceability,
        Energy = Energy,
        Instrumentalness = Instrumentalness,
        Key = Key is { } key ? (int)Math.Round(key) : null,
        Liveness = Liveness,
        Loudness = Loudness,
        Mode = Mode is { } mode ? (int)Math.Round(mode) : null,
        Speechiness = Speechiness,
        Tempo = Tempo,
        Valence = Valence,
    };
}
