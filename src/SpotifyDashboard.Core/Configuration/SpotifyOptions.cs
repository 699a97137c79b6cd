using System.ComponentModel.DataAnnotations;

namespace SpotifyDashboard.Core.Configuration;

/// <summary>
/// The <c>Spotify</c> section. <see cref="ClientId"/> and <see cref="ClientSecret"/> come from the secret parameters
/// <c>spotify-client-id</c>/<c>spotify-client-secret</c> (env <c>Spotify__ClientId</c>/<c>Spotify__ClientSecret</c>). The
/// worker and the api look songs up with both (without them songs wait as pending); the web signs a listener in with the
/// id alone, as a public client with PKCE, and never gets the secret.
/// </summary>
public sealed class SpotifyOptions : IValidatableObject
{
    public const string SectionName = "Spotify";

    /// <summary>What the web asks a listener to allow: their top tracks.</summary>
    public const string SignInScope = "user-top-read";

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

    /// <summary>Where Spotify sends a listener back after the sign-in; must be registered, character for character, in the app's settings on developer.spotify.com.</summary>
    [Required, Url]
    public string RedirectUri { get; set; } = "http://127.0.0.1:5080/auth/spotify/callback";

    [Required]
    public ProviderLimits Limits { get; set; } = new();

    /// <summary>The worker and the api can look songs up.</summary>
    public bool HasCredentials => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret);

    /// <summary>The web can sign a listener in.</summary>
    public bool IsSignInConfigured => !string.IsNullOrWhiteSpace(ClientId);

    public Uri AccountsUri(string path) => new($"{AccountsBaseUrl.TrimEnd('/')}/{path}");

    public Uri ApiUri(string pathAndQuery) => new($"{ApiBaseUrl.TrimEnd('/')}/{pathAndQuery}");

    /// <summary>The data annotations of <see cref="Limits"/> are not checked by <c>ValidateDataAnnotations</c> by themselves.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        Limits.IsValid() ? [] : [new(ProviderLimits.Problem(SectionName), [nameof(Limits)])];
}
