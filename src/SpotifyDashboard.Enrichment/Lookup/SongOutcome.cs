using SpotifyDashboard.Core.Music;
using SpotifyDashboard.Enrichment.Songs;

namespace SpotifyDashboard.Enrichment.Lookup;

public enum SongOutcomeKind
{
    /// <summary>Track and features known.</summary>
    Found,

    /// <summary>No track matches, the track has no known features, or Spotify refuses the song's query (a 4xx other than 401/403/408/429); cached for <c>MissTtl</c>.</summary>
    Unmatched,

    /// <summary>A provider could not answer now; try again later, nothing cached.</summary>
    Deferred,
}

/// <summary>What enrichment learned about one song.</summary>
public sealed record SongOutcome(SongOutcomeKind Kind, Track? Track, AudioFeatures? Features, string? Reason)
{
    public static SongOutcome Found(Track track, AudioFeatures features) => new(SongOutcomeKind.Found, track, features, null);

    public static SongOutcome Unmatched(string reason) => new(SongOutcomeKind.Unmatched, null, null, reason);

    public static SongOutcome Deferred(string reason) => new(SongOutcomeKind.Deferred, null, null, reason);
}

/// <summary>A song as a student named it.</summary>
public sealed record SongQuery(string Title, string Artist)
{
    public string Key { get; } = SongKey.For(Title, Artist);
}
