using System.Security.Cryptography;
using System.Text;
using SpotifyDashboard.Core.Security;

namespace SpotifyDashboard.Enrichment.Curation;

/// <summary>
/// Checks the <c>X-Admin-Key</c> header against <c>Enrichment:AdminKey</c> in constant time. A key too weak to guard
/// anything (<see cref="AdminKeyStrength"/>) counts as no key: the teacher's endpoints stay off and say why.
/// </summary>
public static class AdminKey
{
    public const string HeaderName = "X-Admin-Key";

    public static bool IsConfigured(string? configured) => !string.IsNullOrWhiteSpace(configured) && AdminKeyStrength.Problem(configured) is null;

    /// <summary>
    /// Compares SHA-256 digests rather than the keys: FixedTimeEquals returns at once for inputs of different
    /// lengths, which would tell a caller how long the key is; digests always have the same length.
    /// </summary>
    public static bool Matches(string? configured, string? supplied)
    {
        if (!IsConfigured(configured) || string.IsNullOrEmpty(supplied))
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> actual = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(configured!), expected);
        SHA256.HashData(Encoding.UTF8.GetBytes(supplied), actual);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
