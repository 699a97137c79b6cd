using Microsoft.AspNetCore.Mvc.Testing;
using SpotifyDashboard.TestSupport;
using SpotifyDashboard.Web.KeyRing;

namespace SpotifyDashboard.Web.Tests.Http;

/// <summary>
/// Several web replicas behind one ingress: a cookie one of them issued must open on the others, so they must share one
/// data-protection key ring. The web keeps it in the cache; here two webs share a real Redis-protocol server (Garnet).
/// </summary>
public sealed class SharedKeyRingTests : IAsyncLifetime
{
    private InProcessGarnet _cache = null!;

    public Task InitializeAsync()
    {
        _cache = InProcessGarnet.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _cache.DisposeAsync();

    [Fact]
    public async Task ATeacherSignedInOnOneReplicaIsSignedInOnAnotherThatSharesTheCache()
    {
        using var first = new WebFactory(cache: _cache.Address);
        using var second = new WebFactory(cache: _cache.Address);

        var cookie = await SignInAsync(first);
        var response = await AdminPageAsync(second, cookie);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(await _cache.Redis.GetDatabase().ListLengthAsync(KeyRingRegistration.CacheKey) >= 1, "the key ring is not in the cache");
    }

    [Fact]
    public async Task AReplicaWithAKeyRingOfItsOwnRefusesTheCookie()
    {
        await using var otherCache = InProcessGarnet.Start();
        using var first = new WebFactory(cache: _cache.Address);
        using var second = new WebFactory(cache: otherCache.Address);

        var cookie = await SignInAsync(first);
        var response = await AdminPageAsync(second, cookie);

        // What a deployment without the shared ring would do: sign the teacher out on every other replica.
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(TeacherSignIn.SignInPath, response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    private static async Task<string> SignInAsync(WebFactory web)
    {
        var signedIn = await SignInForm.PostAsync(web.CreateBrowser(), WebFactory.AdminKey);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var setCookie = Assert.Single(SignInForm.SetCookies(signedIn), c => c.StartsWith(TeacherSignIn.CookieName + "=", StringComparison.Ordinal));
        return setCookie.Split(';')[0];
    }

    private static Task<HttpResponseMessage> AdminPageAsync(WebFactory web, string cookie)
    {
        var browser = web.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new("https://localhost"), HandleCookies = false });
        var request = new HttpRequestMessage(HttpMethod.Get, "/admin/sources");
        request.Headers.Add("Cookie", cookie);
        return browser.SendAsync(request);
    }
}
