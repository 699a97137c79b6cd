using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using StackExchange.Redis;

namespace SpotifyDashboard.Web.KeyRing;

/// <summary>
/// The web's data-protection key ring (it protects the teacher's cookie, the listener's cookies and their Spotify tokens):
/// in the cache, so a cookie opens on every replica and after a restart, and encrypted there with a secret the cache
/// never holds. Needs the cache's <see cref="IConnectionMultiplexer"/>.
/// </summary>
public static class KeyRingRegistration
{
    public const string ApplicationName = "SpotifyDashboard.Web";

    /// <summary>Where the key ring lives in the cache (one Redis list, shared by every web replica).</summary>
    public const string CacheKey = RedisKeys.DataProtectionKeys;

    public static WebApplicationBuilder AddEncryptedKeyRing(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<KeyRingOptions>()
            .BindConfiguration(KeyRingOptions.SectionName)
            .Validate(
                options => options.KeyEncryptionSecret is { Length: >= KeyRingOptions.MinimumSecretLength } secret && !string.IsNullOrWhiteSpace(secret),
                $"{KeyRingOptions.SecretSetting} is missing or shorter than {KeyRingOptions.MinimumSecretLength} characters. The web encrypts the keys "
                + "of the teacher's sign-in and the listeners' Spotify tokens with it before they go to the cache, and does not start without it. "
                + $"Run the app through the AppHost (it generates the secret), or: {KeyRingOptions.HowToSetSecret}")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => new KeyRingCipher(sp.GetRequiredService<IOptions<KeyRingOptions>>().Value.KeyEncryptionSecret!));

        builder.Services.AddDataProtection().SetApplicationName(ApplicationName);
        builder.Services.AddOptions<KeyManagementOptions>()
            .Configure<IServiceProvider>((options, services) =>
            {
                // The connection is looked up at first use, not when the options are built.
                var cache = new RedisXmlRepository(() => services.GetRequiredService<IConnectionMultiplexer>().GetDatabase(), CacheKey);
                options.XmlRepository = new EncryptedKeysOnlyRepository(cache, services.GetRequiredService<ILogger<EncryptedKeysOnlyRepository>>());
                options.XmlEncryptor = new KeyRingXmlEncryptor(services.GetRequiredService<KeyRingCipher>());
            });
        return builder;
    }
}
