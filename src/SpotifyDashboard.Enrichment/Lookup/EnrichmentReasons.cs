namespace SpotifyDashboard.Enrichment.Lookup;

/// <summary>The notes people read in <c>/api/status</c> and <c>/api/unmatched</c>.</summary>
public static class EnrichmentReasons
{
    public const string NoCredentials = "no Spotify credentials configured (set the spotify-client-id and spotify-client-secret parameters)";
    public const string NoSong = "the response names no song";
    public const string NoMatch = "no Spotify track resembles this song closely enough";

    public static string NoFeatures(string trackId) => $"no audio features are known for Spotify track {trackId}";

    public static string FeaturesRefused(string trackId, int status, string? reasonPhrase) =>
        $"ReccoBeats refuses to look up Spotify track {trackId} ({status}{(string.IsNullOrWhiteSpace(reasonPhrase) ? "" : " " + reasonPhrase)}); map the song to another track by hand";

    public static string NoSuchTrack(string trackId) => $"Spotify has no track {trackId}";

    public static string Refused(string provider, int status, string? reasonPhrase) =>
        $"{provider} refuses to look this song up ({status}{(string.IsNullOrWhiteSpace(reasonPhrase) ? "" : " " + reasonPhrase)}); map it to a track by hand";

    /// <summary>Spotify refuses the app as a whole; the song waits until a probe is answered.</summary>
    public static string AppRefused(string? reason, DateTimeOffset? nextProbe) =>
        $"refused by Spotify: {(string.IsNullOrWhiteSpace(reason) ? "403 on every call" : reason)}; the song waits, and Spotify is asked again"
        + (nextProbe is { } at ? $" at {at.UtcDateTime:HH:mm} UTC" : " soon");

    public const string RefreshQueued = "queued again by a refresh";

    public static string OverrideQueued(string trackId) => $"mapped by an admin to Spotify track {trackId}; the worker re-enriches it on its next run";
}
