using System.Buffers.Text;

namespace SpotifyDashboard.Web.Spotify;

/// <summary>
/// Proof Key for Code Exchange (RFC 7636), S256 only: the verifier stays on the server, the challenge goes to Spotify
/// with the sign-in, and only whoever holds the verifier can turn the code into tokens.
/// </summary>
public static class Pkce
{
    public const string Method = "S256";

    /// <summary>96 random bytes give 128 characters of base64url, the longest verifier RFC 7636 allows (section 4.1).</summary>
    public const int VerifierBytes = 96;

    /// <summary>256 bits for <c>state</c>, well above the 128 that makes it unguessable.</summary>
    public const int StateBytes = 32;

    public static string NewVerifier() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(VerifierBytes));

    public static string NewState() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(StateBytes));

    /// <summary>BASE64URL-ENCODE(SHA256(ASCII(code_verifier))), without padding (RFC 7636 section 4.2).</summary>
    public static string ChallengeOf(string verifier)
    {
        if (!IsValidVerifier(verifier))
        {
            throw new ArgumentException("A code verifier is 43 to 128 characters of [A-Za-z0-9-._~].", nameof(verifier));
        }

        return Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
    }

    /// <summary>code-verifier = 43*128unreserved, unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~" (RFC 7636 section 4.1).</summary>
    public static bool IsValidVerifier(string? verifier) =>
        verifier is { Length: >= 43 and <= 128 } && verifier.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~');
}
