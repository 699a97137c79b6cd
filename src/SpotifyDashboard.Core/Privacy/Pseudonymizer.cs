using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SpotifyDashboard.Core.Privacy;

/// <summary>
/// Turns a student's name into a stable, friendly handle ("Teal Otter 3f2a") with a keyed hash,
/// so the same person keeps the same handle while the name itself is never stored or shown.
/// Without the key the handle cannot be traced back by hashing candidate names.
/// </summary>
public sealed class Pseudonymizer
{
    private static readonly string[] Adjectives =
    [
        "Amber", "Azure", "Bold", "Brisk", "Calm", "Clever", "Coral", "Cosmic", "Crimson", "Dapper",
        "Eager", "Electric", "Fuzzy", "Gentle", "Golden", "Happy", "Indigo", "Jolly", "Keen", "Lucky",
        "Lunar", "Mellow", "Misty", "Noble", "Olive", "Plucky", "Quiet", "Rapid", "Rosy", "Rustic",
        "Silver", "Sunny", "Swift", "Teal", "Tidy", "Velvet", "Vivid", "Witty", "Zesty", "Zen",
    ];

    private static readonly string[] Animals =
    [
        "Badger", "Beaver", "Bison", "Crane", "Dolphin", "Falcon", "Ferret", "Finch", "Fox", "Gecko",
        "Heron", "Ibis", "Jaguar", "Koala", "Lemur", "Lynx", "Marten", "Moose", "Narwhal", "Ocelot",
        "Otter", "Owl", "Panda", "Puffin", "Quail", "Raven", "Robin", "Seal", "Sparrow", "Stork",
        "Tapir", "Tiger", "Toucan", "Turtle", "Viper", "Walrus", "Wombat", "Wren", "Yak", "Zebra",
    ];

    private readonly byte[] _key;

    public Pseudonymizer(string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        _key = Encoding.UTF8.GetBytes(key);
    }

    public string HandleFor(string name)
    {
        var normalized = Normalize(name);
        var hash = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(normalized));
        var adjective = Adjectives[hash[0] % Adjectives.Length];
        var animal = Animals[hash[1] % Animals.Length];
        var suffix = Convert.ToHexStringLower(hash, 2, 2);
        return $"{adjective} {animal} {suffix}";
    }

    /// <summary>
    /// HMAC-SHA256 of <paramref name="data"/> under the pseudonym key, for other ids that must not be
    /// reproducible by someone who has the raw data but not the key (e.g. response ids).
    /// </summary>
    public byte[] Mac(ReadOnlySpan<byte> data) => HMACSHA256.HashData(_key, data);

    /// <summary>"  Ana  María " and "ana maría" are the same person.</summary>
    private static string Normalize(string name) =>
        string.Join(' ', name.Normalize(NormalizationForm.FormC)
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .ToLower(CultureInfo.InvariantCulture);
}
