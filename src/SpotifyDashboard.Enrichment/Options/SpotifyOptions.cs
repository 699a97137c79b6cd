using System.ComponentModel.DataAnnotations;

namespace SpotifyDashboard.Enrichment.Options;

/// <summary>
/// The <c>Spotify</c> section. <see cref="ClientId"/> and <see cref="ClientSecret"/> come from the
/// secret parameters <c>spotify-client-id</c>/<c>spotify-client-secret</c> (env
/// <c>Spotify__ClientId</c>/<c>Spotify__ClientSecret</c>); without them songs wait as pending.
/// </summary>
public sealed class SpotifyOptions
{
    public const string SectionName = "Spotify";

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    [Required, Url]
    public string AccountsBaseUrl { get; set; } = "https://accounts.spotify.com";

    [Required, Url]
    public string ApiBaseUrl { get; set; } = "https://api.spotify.com/v1";

    /// <summary>Only legacy apps may still call Spotify's own <c>/audio-features</c>; new ones get 403.</summary>
    public bool UseAudioFeaturesEndpoint { get; set; }

    /// <summary>Search results to compare; Spotify rejects more than 10.</summary>
    [Range(1, 10)]
    public int SearchLimit { get; set; } = 10;

    /// <summary>
    /// While Spotify refuses the app as a whole (403 on the token endpoint or on every call, e.g. when the owner's
    /// Premium has lapsed), one call per this interval checks whether it answers again; the songs wait meanwhile.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "1.00:00:00")]
    public TimeSpan RefusedProbeInterval { get; set; } = TimeSpan.FromMinutes(10);

    [Required]
    public ProviderLimits Limits { get; set; } = new();

    public bool HasCredentials => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret);
}
