using System.Security.Cryptography;
using System.Text;

namespace SpotifyDashboard.Enrichment.Curation;

/// <summary>Checks the <c>X-Admin-Key</c> header against <c>Enrichment:AdminKey</c> in constant time.</summary>
public static class AdminKey
{
    public const string HeaderName = "X-Admin-Key";

    public static bool IsConfigured(string? configured) => !string.IsNullOrWhiteSpace(configured);

    public static bool Matches(string? configured, string? supplied) =>
        IsConfigured(configured)
        && !string.IsNullOrEmpty(supplied)
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(configured!), Encoding.UTF8.GetBytes(supplied));
}
