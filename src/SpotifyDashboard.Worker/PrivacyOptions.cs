using System.Security.Cryptography;
using SpotifyDashboard.Core.Privacy;
using SpotifyDashboard.Ingestion.Ingest;

namespace SpotifyDashboard.Worker;

/// <summary>The <c>Privacy</c> section.</summary>
public sealed partial class PrivacyOptions
{
    public const string SectionName = "Privacy";

    /// <summary>Keep raw names next to pseudonyms. Off by default: names are personal data.</summary>
    public bool StoreNames { get; set; }

    /// <summary>The key of the pseudonym hash (the secret parameter <c>pseudonym-key</c>).</summary>
    public string? PseudonymKey { get; set; }

    /// <summary>
    /// The students' handles keyed with <see cref="PseudonymKey"/>. Without a configured key a random one is used for
    /// this process only, and a warning says that handles will change on restart.
    /// </summary>
    public NamePolicy ToNamePolicy(ILogger logger)
    {
        var key = PseudonymKey;
        if (string.IsNullOrWhiteSpace(key))
        {
            LogRandomKey(logger);
            key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        }

        return new NamePolicy(new Pseudonymizer(key), StoreNames);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Privacy:PseudonymKey is not set: using a random key, so student handles change when the worker restarts")]
    private static partial void LogRandomKey(ILogger logger);
}
