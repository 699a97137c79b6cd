using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace SpotifyDashboard.Web.KeyRing;

/// <summary>
/// The key ring as the web trusts it: only keys whose secret is encrypted by <see cref="KeyRingXmlEncryptor"/>. Whoever
/// can write to the cache could otherwise add a key they know (plaintext, or "encrypted" by a decryptor that opens
/// anything) and forge a teacher's cookie with it. Such a key is left out and logged; revocations pass, since all they
/// can do is sign people out.
/// </summary>
public sealed partial class EncryptedKeysOnlyRepository(IXmlRepository inner, ILogger<EncryptedKeysOnlyRepository> logger) : IXmlRepository
{
    private static readonly XName KeyElement = "key";
    private const string EncryptedSecretElement = "encryptedSecret";
    private static readonly XName DecryptorTypeAttribute = "decryptorType";
    private const string MasterKeyElement = "masterKey";
    private static readonly XNamespace DataProtectionNamespace = "http://schemas.asp.net/2015/03/dataProtection";
    private static readonly XName RequiresEncryptionAttribute = DataProtectionNamespace + "requiresEncryption";

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        var trusted = new List<XElement>();
        foreach (var element in inner.GetAllElements())
        {
            if (element.Name != KeyElement || IsEncryptedHere(element))
            {
                trusted.Add(element);
            }
            else
            {
                LogUntrustedKey((string?)element.Attribute("id") ?? "(no id)");
            }
        }

        return trusted;
    }

    public void StoreElement(XElement element, string friendlyName) => inner.StoreElement(element, friendlyName);

    /// <summary>
    /// Its secret is there only in our encrypted form: every encrypted part is ours, and no master key or part marked
    /// for encryption sits beside them in plaintext (the descriptor would read a plaintext master key first).
    /// </summary>
    public static bool IsEncryptedHere(XElement key)
    {
        // By local name: the library writes it in its own namespace, and a look-alike in another must not slip past.
        var encrypted = key.Descendants().Where(e => e.Name.LocalName == EncryptedSecretElement).ToList();
        return encrypted.Count > 0
            && encrypted.All(e => IsOurDecryptor((string?)e.Attribute(DecryptorTypeAttribute)) && e.Elements().SingleOrDefault()?.Name == EncryptedKeyElement.Name)
            && !key.Descendants().Any(e => e.Name.LocalName == MasterKeyElement || (bool?)e.Attribute(RequiresEncryptionAttribute) == true);
    }

    /// <summary>The type and its assembly as the encryptor wrote them (the version may differ after an update).</summary>
    private static bool IsOurDecryptor(string? typeName)
    {
        var parts = typeName?.Split(',', StringSplitOptions.TrimEntries);
        var ours = typeof(KeyRingXmlDecryptor);
        return parts is { Length: >= 2 } && parts[0] == ours.FullName && parts[1] == ours.Assembly.GetName().Name;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Data-protection key {KeyId} in the cache is not encrypted with the key-encryption secret; it is not used")]
    private partial void LogUntrustedKey(string keyId);
}
