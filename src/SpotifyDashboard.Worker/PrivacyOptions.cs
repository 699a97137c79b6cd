namespace SpotifyDashboard.Worker;

/// <summary>The <c>Privacy</c> section.</summary>
public sealed class PrivacyOptions
{
    public const string SectionName = "Privacy";

    /// <summary>Keep raw names next to pseudonyms. Off by default: names are personal data.</summary>
    public bool StoreNames { get; set; }

    /// <summary>The key of the pseudonym hash (the secret parameter <c>pseudonym-key</c>).</summary>
    public string? PseudonymKey { get; set; }
}
