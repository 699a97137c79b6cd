using SpotifyDashboard.Core.Music;

namespace SpotifyDashboard.Enrichment.Providers.Spotify;

// The parts of Spotify's answers we read (spotify-web-api.openapi.yml: SearchItems, TrackObject,
// AudioFeaturesObject); everything else is ignored.

internal sealed record SpotifyTokenResponse(string? AccessToken, string? TokenType, int ExpiresIn);

internal sealed record SpotifySearchResponse(SpotifyPage? Tracks);

internal sealed record SpotifyPage(List<SpotifyTrack?>? Items);

internal sealed record SpotifyTrack(
    string? Id,
    string? Name,
    List<SpotifyArtist>? Artists,
    SpotifyAlbum? Album,
    int? DurationMs,
    SpotifyExternalIds? ExternalIds,
    int? Popularity)
{
    public Track? ToTrack() => string.IsNullOrEmpty(Id) || string.IsNullOrEmpty(Name)
        ? null
        : new Track
        {
            Id = Id,
            Name = Name,
            Artists = [.. (Artists ?? []).Select(a => a.Name).OfType<string>()],
            Album = Album?.Name,
            ReleaseDate = Album?.ReleaseDate,
            DurationMs = DurationMs,
            Isrc = ExternalIds?.Isrc,
            // Largest first in Spotify's answers.
            ImageUrl = Album?.Images?.OrderByDescending(i => i.Width ?? 0).FirstOrDefault()?.Url,
            // Development-mode apps no longer get it; null means unknown, never 0.
            Popularity = Popularity,
            Genres = [],
        };
}

internal sealed record SpotifyArtist(string? Id, string? Name);

internal sealed record SpotifyAlbum(string? Name, string? ReleaseDate, List<SpotifyImage>? Images);

internal sealed record SpotifyImage(string? Url, int? Width, int? Height);

internal sealed record SpotifyExternalIds(string? Isrc);

internal sealed record SpotifyAudioFeaturesResponse(List<SpotifyAudioFeatures?>? AudioFeatures);

internal sealed record SpotifyAudioFeatures(
    string? Id,
    double? Danceability,
    double? Energy,
    int? Key,
    double? Loudness,
    int? Mode,
    double? Speechiness,
    double? Acousticness,
    double? Instrumentalness,
    double? Liveness,
    double? Valence,
    double? Tempo,
    int? DurationMs,
    int? TimeSignature)
{
    public AudioFeatures ToFeatures() => new()
    {
        Danceability = Danceability,
        Energy = Energy,
        Key = Key,
        Loudness = Loudness,
        Mode = Mode,
        Speechiness = Speechiness,
        Acousticness = Acousticness,
        Instrumentalness = Instrumentalness,
        Liveness = Liveness,
        Valence = Valence,
        Tempo = Tempo,
        DurationMs = DurationMs,
        TimeSignature = TimeSignature,
    };
}
