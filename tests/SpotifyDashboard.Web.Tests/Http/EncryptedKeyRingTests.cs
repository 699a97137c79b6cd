using System.Security.Claims;
using System.Xml.Linq;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using SpotifyDashboard.TestSupport;
using SpotifyDashboard.Web.KeyRing;
using StackExchange.Redis;

namespace SpotifyDashboard.Web.Tests.Http;

/// <summary>
/// The data-protection keys lie in the cache beside the Spotify tokens they protect, so they are encrypted there with a
/// secret the cache never holds: whoever copies the cache gets neither a teacher's sign-in nor a listener's token, and
/// whoever can write to it cannot slip in a key of their own.
/// </summary>
public sealed class EncryptedKeyRingTests : IAsyncLifetime
{
    private const string OtherSecret = "not-the-deployments-secret-fedcba9876543210";
    private static readonly SpotifyTokens ListenerTokens = new("BQ-listener-access-token", "AQ-listener-refresh-token", DateTimeOffset.UtcNow.AddHours(1));

    private InProcessGarnet _cache = null!;
    private InProcessGarnet _copy = null!;

    public Task InitializeAsync()
    {
        _cache = InProcessGarnet.Start();
        _copy = InProcessGarnet.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _cache.DisposeAsync();
        await _copy.DisposeAsync();
    }

    [Fact]
    public async Task ACopiedCacheWithoutTheKeyEncryptionSecretYieldsNoTeacherCookieAndNoListenerToken()
    {
        using var deployed = new WebFactory(cache: _cache.Address);
        var teacherCookie = await SignInTeacherAsync(deployed);
        var (listenerCookie, sessionId) = await SignInListenerAsync(deployed);
        Assert.Equal(HttpStatusCode.OK, (await AdminPageAsync(deployed, teacherCookie)).StatusCode);

        await CopyAsync(_cache.Redis, _copy.Redis);

        // The copy holds the key ring, but only in encrypted form.
        var ring = string.Join('\n', (await _copy.Redis.GetDatabase().ListRangeAsync(KeyRingRegistration.CacheKey)).Select(v => v.ToString()));
        Assert.Contains("encryptedKey", ring);
        Assert.DoesNotContain("masterKey", ring);

        // A web on the copy with any other secret: signed out, and no token even given the session id itself.
        using var thiefRoot = new WebFactory(cache: _copy.Address);
        using var thief = thiefRoot.WithKeyRingSecret(OtherSecret);
        var refused = await AdminPageAsync(thief, teacherCookie);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith(TeacherSignIn.SignInPath, refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        await using (var scope = thief.Services.CreateAsyncScope())
        {
            var sessions = scope.ServiceProvider.GetRequiredService<SpotifySessions>();
            Assert.Null(sessions.SessionIdOf(listenerCookie));
            Assert.Null(await sessions.AccessTokenAsync(sessionId));
        }

        // What the library does with the copied ring when nobody tells it the secret: it opens nothing either.
        await using (var plain = PlainDataProtection(_copy.Redis))
        {
            var protector = plain.GetRequiredService<IDataProtectionProvider>().CreateProtector("SpotifyDashboard.Web.Spotify.SessionCookie");
            Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => protector.Unprotect(listenerCookie));
        }

        // The copy is complete: with the secret, the same cookies open.
        using var withSecret = new WebFactory(cache: _copy.Address);
        Assert.Equal(HttpStatusCode.OK, (await AdminPageAsync(withSecret, teacherCookie)).StatusCode);
        await using (var scope = withSecret.Services.CreateAsyncScope())
        {
            var sessions = scope.ServiceProvider.GetRequiredService<SpotifySessions>();
            Assert.Equal(ListenerTokens.AccessToken, await sessions.AccessTokenAsync(sessions.SessionIdOf(listenerCookie)));
        }
    }

    [Fact]
    public async Task AKeySlippedIntoTheCacheUnencryptedIsNotTrusted()
    {
        using var web = new WebFactory(cache: _cache.Address);
        await SignInTeacherAsync(web);

        // Someone who can write to the cache adds a key they know and signs a teacher's ticket with it.
        var folder = Directory.CreateTempSubdirectory("sd-forged-keys-");
        try
        {
            var forger = DataProtectionProvider.Create(folder, b => b.SetApplicationName(KeyRingRegistration.ApplicationName));
            var cookie = await ForgedTeacherCookieAsync(web, forger);
            var forgedKey = Assert.Single(folder.GetFiles("key-*.xml"));
            var forgedKeyElement = XElement.Load(forgedKey.FullName);
            await _cache.Redis.GetDatabase().ListRightPushAsync(KeyRingRegistration.CacheKey, forgedKeyElement.ToString(SaveOptions.DisableFormatting));

            var response = await AdminPageAsync(web, cookie);

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains(web.Logs, l => l.Contains("is not encrypted with the key-encryption secret", StringComparison.Ordinal));
            Assert.DoesNotContain(web.Logs, l => l.Contains(WebFactory.KeyRingSecret, StringComparison.Ordinal));

            // The forgery is sound: a web that trusted every key in the ring would let it in.
            using var trustingRoot = new WebFactory(cache: _cache.Address);
            using var trusting = trustingRoot.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
                services.Configure<KeyManagementOptions>(options => options.XmlRepository = new RedisXmlRepository(
                    () => _cache.Redis.GetDatabase(), KeyRingRegistration.CacheKey))));
            Assert.Equal(HttpStatusCode.OK, (await AdminPageAsync(trusting, cookie)).StatusCode);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void AKeyIsTrustedOnlyWhenItsSecretIsEncryptedHereAndNowhereInPlaintext()
    {
        var cipher = new KeyRingCipher(WebFactory.KeyRingSecret);
        var encrypted = new KeyRingXmlEncryptor(cipher).Encrypt(new XElement("masterKey", new XElement("value", "c2VjcmV0")));
        XElement Key(params object[] descriptor) => new("key", new XAttribute("id", Guid.NewGuid()), new XElement("descriptor", new XElement("descriptor", descriptor)));
        XElement Secret(Type decryptor, XElement value) => new(XNamespace.Get("http://schemas.asp.net/2015/03/dataProtection") + "encryptedSecret", new XAttribute("decryptorType", decryptor.AssemblyQualifiedName!), value);

        Assert.True(EncryptedKeysOnlyRepository.IsEncryptedHere(Key(Secret(typeof(KeyRingXmlDecryptor), encrypted.EncryptedElement))));
        Assert.False(EncryptedKeysOnlyRepository.IsEncryptedHere(Key(new XElement("masterKey", new XElement("value", "c2VjcmV0")))));
        Assert.False(EncryptedKeysOnlyRepository.IsEncryptedHere(Key(Secret(typeof(Microsoft.AspNetCore.DataProtection.XmlEncryption.NullXmlDecryptor), new XElement("unencryptedKey", new XElement("masterKey"))))));
        // A valid encrypted part copied from another key does not vouch for a plaintext master key read before it.
        Assert.False(EncryptedKeysOnlyRepository.IsEncryptedHere(Key(new XElement("masterKey", new XElement("value", "a25vd24=")), Secret(typeof(KeyRingXmlDecryptor), encrypted.EncryptedElement))));
        // And what is encrypted opens only with the same secret.
        Assert.Equal("masterKey", new KeyRingXmlDecryptor(new ServiceCollection().AddSingleton(cipher).BuildServiceProvider()).Decrypt(encrypted.EncryptedElement).Name.LocalName);
        var other = new ServiceCollection().AddSingleton(new KeyRingCipher(OtherSecret)).BuildServiceProvider();
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => new KeyRingXmlDecryptor(other).Decrypt(encrypted.EncryptedElement));
    }

    [Theory]
    [InlineData("")]
    [InlineData("too-short-a-secret")]
    public void AWebWithoutTheSecretRefusesToStartAndNamesTheSetting(string secret)
    {
        using var root = new WebFactory(cache: _cache.Address);
        using var web = root.WithKeyRingSecret(secret);

        var refused = Assert.ThrowsAny<Exception>(() => web.CreateClient());

        Assert.Contains(KeyRingOptions.SecretSetting, refused.ToString(), StringComparison.Ordinal);
        Assert.Contains("Parameters:data-protection-secret", refused.ToString(), StringComparison.Ordinal);
    }

    private static async Task<string> SignInTeacherAsync(WebApplicationFactory<Program> web)
    {
        var signedIn = await SignInForm.PostAsync(web.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new("https://localhost") }), WebFactory.AdminKey);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return Assert.Single(SignInForm.SetCookies(signedIn), c => c.StartsWith(TeacherSignIn.CookieName + "=", StringComparison.Ordinal)).Split(';')[0];
    }

    /// <summary>A listener's session as the sign-in's callback starts it: the cookie's value and the session id in it.</summary>
    private static async Task<(string Cookie, string SessionId)> SignInListenerAsync(WebApplicationFactory<Program> web)
    {
        await using var scope = web.Services.CreateAsyncScope();
        var sessions = scope.ServiceProvider.GetRequiredService<SpotifySessions>();
        var cookie = await sessions.StartAsync(ListenerTokens);
        var sessionId = sessions.SessionIdOf(cookie)!;
        Assert.Equal(ListenerTokens.AccessToken, await sessions.AccessTokenAsync(sessionId));
        return (cookie, sessionId);
    }

    private static Task<HttpResponseMessage> AdminPageAsync(WebApplicationFactory<Program> web, string cookie)
    {
        var browser = web.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new("https://localhost"), HandleCookies = false });
        var request = new HttpRequestMessage(HttpMethod.Get, "/admin/sources");
        request.Headers.Add("Cookie", cookie);
        return browser.SendAsync(request);
    }

    /// <summary>Every list, string and hash of one cache into another, as a backup or a stolen copy would hold them.</summary>
    private static async Task CopyAsync(ConnectionMultiplexer from, ConnectionMultiplexer to)
    {
        var source = from.GetDatabase();
        var target = to.GetDatabase();
        await foreach (var key in from.GetServers()[0].KeysAsync(pattern: "*"))
        {
            switch (await source.KeyTypeAsync(key))
            {
                case RedisType.List:
                    await target.ListRightPushAsync(key, await source.ListRangeAsync(key));
                    break;
                case RedisType.String:
                    await target.StringSetAsync(key, await source.StringGetAsync(key));
                    break;
                case RedisType.Hash:
                    await target.HashSetAsync(key, await source.HashGetAllAsync(key));
                    break;
            }
        }

        Assert.True(await target.KeyExistsAsync(KeyRingRegistration.CacheKey));
    }

    /// <summary>The data-protection library on the copied key ring, configured as it would be without the secret.</summary>
    private static ServiceProvider PlainDataProtection(ConnectionMultiplexer cache)
    {
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName(KeyRingRegistration.ApplicationName).PersistKeysToStackExchangeRedis(cache, KeyRingRegistration.CacheKey);
        return services.BuildServiceProvider();
    }

    /// <summary>
    /// A teacher's cookie as the sign-in would write it: a session written into the cache beside the forged key, and a
    /// cookie that names only that session, protected with the forger's key.
    /// </summary>
    private static async Task<string> ForgedTeacherCookieAsync(WebApplicationFactory<Program> web, IDataProtectionProvider forger)
    {
        var session = web.Services.GetRequiredService<TeacherSessions>().NewSession();
        var properties = new AuthenticationProperties { ExpiresUtc = DateTimeOffset.UtcNow.AddHours(1) };
        var sessionId = await web.Services.GetRequiredService<TeacherTicketStore>().StoreAsync(new AuthenticationTicket(session, properties, CookieAuthenticationDefaults.AuthenticationScheme));
        var onlyTheSession = new ClaimsPrincipal(new ClaimsIdentity([new Claim("Microsoft.AspNetCore.Authentication.Cookies-SessionId", sessionId)], CookieAuthenticationDefaults.AuthenticationScheme));
        var protector = forger.CreateProtector("Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware", CookieAuthenticationDefaults.AuthenticationScheme, "v2");
        return $"{TeacherSignIn.CookieName}={new TicketDataFormat(protector).Protect(new AuthenticationTicket(onlyTheSession, properties, CookieAuthenticationDefaults.AuthenticationScheme))}";
    }
}

internal static class KeyRingWebFactory
{
    public static WebApplicationFactory<Program> WithKeyRingSecret(this WebFactory web, string secret) =>
        web.WithWebHostBuilder(builder => builder.UseSetting(KeyRingOptions.SecretSetting, secret));
}
