namespace SpotifyDashboard.Enrichment.Providers;

/// <summary>The upstream services, as named in status, metrics and HttpClient registrations.</summary>
public static class ProviderNames
{
    public const string Spotify = "spotify";
    public const string SpotifyAccounts = "spotify-accounts";
    public const string SpotifyAudioFeatures = "spotify-audio-features";
    public const string ReccoBeats = "reccobeats";
}
