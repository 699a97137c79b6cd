using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace SpotifyDashboard.Web.KeyRing;

/// <summary>The element an encrypted data-protection key becomes in the cache.</summary>
public static class EncryptedKeyElement
{
    public static readonly XNamespace Namespace = "urn:spotifydashboard:key-ring";

    public static readonly XName Name = Namespace + "encryptedKey";

    public static readonly XName Value = Namespace + "value";

    /// <summary>Ties a sealed value to this format, so it cannot pass for anything else sealed with the secret.</summary>
    public static readonly byte[] AssociatedData = Encoding.UTF8.GetBytes(Name.ToString() + " v1");
}

/// <summary>Encrypts each data-protection key (its secret part) before the key ring goes to the cache.</summary>
public sealed class KeyRingXmlEncryptor(KeyRingCipher cipher) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var sealedValue = cipher.Seal(plaintext, EncryptedKeyElement.AssociatedData);
        var element = new XElement(
            EncryptedKeyElement.Name,
            new XComment(" AES-256-GCM, key from DataProtection:KeyEncryptionSecret (HKDF-SHA256); the secret is not in the cache. "),
            new XElement(EncryptedKeyElement.Value, Convert.ToBase64String(sealedValue)));
        return new EncryptedXmlInfo(element, typeof(KeyRingXmlDecryptor));
    }
}

/// <summary>
/// Opens what <see cref="KeyRingXmlEncryptor"/> wrote. The data-protection system creates it by its type name from the
/// stored key, with the app's services; without the secret it opens nothing.
/// </summary>
public sealed class KeyRingXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        if (encryptedElement.Name != EncryptedKeyElement.Name || encryptedElement.Element(EncryptedKeyElement.Value) is not { } value)
        {
            throw new System.Security.Cryptography.CryptographicException("The stored data-protection key is not in the key ring's encrypted form.");
        }

        var plaintext = services.GetRequiredService<KeyRingCipher>().Open(Convert.FromBase64String(value.Value), EncryptedKeyElement.AssociatedData);
        return XElement.Parse(Encoding.UTF8.GetString(plaintext));
    }
}
