using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using SpotifyDashboard.Core.Privacy;

namespace SpotifyDashboard.Worker;

/// <summary>
/// The pseudonymizer keyed with <c>Privacy:PseudonymKey</c>. Without a configured key a random one
/// is used for this process only, and a warning says that handles will change on restart.
/// </summary>
public sealed partial class PseudonymProvider
{
    public PseudonymProvider(IOptions<PrivacyOptions> options, ILogger<PseudonymProvider> logger)
    {
        var key = options.Value.PseudonymKey;
        if (string.IsNullOrWhiteSpace(key))
        {
            LogRandomKey(logger);
            key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        }

        Pseudonymizer = new Pseudonymizer(key);
        StoreNames = options.Value.StoreNames;
    }

    public Pseudonymizer Pseudonymizer { get; }

    public bool StoreNames { get; }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Privacy:PseudonymKey is not set: using a random key, so student handles change when the worker restarts")]
    private static partial void LogRandomKey(ILogger logger);
}
