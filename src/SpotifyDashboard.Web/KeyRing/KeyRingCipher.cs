namespace SpotifyDashboard.Web.KeyRing;

/// <summary>
/// AES-256-GCM under a key derived from <see cref="KeyRingOptions.KeyEncryptionSecret"/> with HKDF-SHA256. A sealed value
/// is nonce, ciphertext and tag in one array; opening it with another secret, or after a single changed bit, fails.
/// </summary>
public sealed class KeyRingCipher
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    /// <summary>Binds the derived key to this one use of the secret.</summary>
    private static readonly byte[] KeyPurpose = Encoding.UTF8.GetBytes("SpotifyDashboard.Web data-protection key ring, AES-256-GCM");

    private readonly byte[] _key;

    public KeyRingCipher(string secret)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(secret);
        _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret), 32, salt: [], info: KeyPurpose);
    }

    public byte[] Seal(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        var sealedValue = new byte[NonceSize + plaintext.Length + TagSize];
        var nonce = sealedValue.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plaintext, sealedValue.AsSpan(NonceSize, plaintext.Length), sealedValue.AsSpan(NonceSize + plaintext.Length), associatedData);
        return sealedValue;
    }

    /// <summary>The plaintext; a <see cref="CryptographicException"/> when the value was not sealed with this secret.</summary>
    public byte[] Open(ReadOnlySpan<byte> sealedValue, ReadOnlySpan<byte> associatedData)
    {
        if (sealedValue.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("The encrypted data-protection key is too short to be one.");
        }

        var plaintext = new byte[sealedValue.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(sealedValue[..NonceSize], sealedValue[NonceSize..^TagSize], sealedValue[^TagSize..], plaintext, associatedData);
        return plaintext;
    }
}
