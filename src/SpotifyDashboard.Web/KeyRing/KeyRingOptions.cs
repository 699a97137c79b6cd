namespace SpotifyDashboard.Web.KeyRing;

/// <summary>
/// The <c>DataProtection</c> section: the secret that encrypts the data-protection keys before they go to the cache
/// (the AppHost's <c>data-protection-secret</c> parameter, given as <c>DataProtection__KeyEncryptionSecret</c>). It is
/// never in the cache, so a copy of the cache opens no teacher cookie and no listener's Spotify token.
/// </summary>
public sealed class KeyRingOptions
{
    public const string SectionName = "DataProtection";

    public const string SecretSetting = SectionName + ":" + nameof(KeyEncryptionSecret);

    /// <summary>As long as the AppHost generates it; a shorter one is too easy to guess from a copied key ring.</summary>
    public const int MinimumSecretLength = 32;

    public const string HowToSetSecret = "dotnet user-secrets set Parameters:data-protection-secret <32 or more random characters> --project src/SpotifyDashboard.AppHost";

    public string? KeyEncryptionSecret { get; set; }
}
