using System.ComponentModel.DataAnnotations;

namespace SpotifyDashboard.Web.Spotify;

/// <summary>
/// The web's part of the <c>Spotify</c> section: a public client (no secret) that signs a listener in with PKCE.
/// <see cref="AccountsBaseUrl"/> is the same key the enrichment reads. Without <see cref="ClientId"/> the sign-in is off.
/// </summary>
public sealed class SpotifySignInOptions
{
    public const string SectionName = "Spotify";

    public const string Scope = "user-top-read";

    public string? ClientId { get; set; }

    [Required, Url]
    public string AccountsBaseUrl { get; set; } = "https://accounts.spotify.com";

    [Required, Url]
    public string ApiBaseUrl { get; set; } = "https://api.spotify.com/v1";

    /// <summary>Must be registered, character for character, in the app's settings on developer.spotify.com.</summary>
    [Required, Url]
    public string RedirectUri { get; set; } = "http://127.0.0.1:5080/auth/spotify/callback";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ClientId);

    public Uri AccountsUri(string path) => new($"{AccountsBaseUrl.TrimEnd('/')}/{path}");

    public Uri ApiUri(string pathAndQuery) => new($"{ApiBaseUrl.TrimEnd('/')}/{pathAndQuery}");
}
