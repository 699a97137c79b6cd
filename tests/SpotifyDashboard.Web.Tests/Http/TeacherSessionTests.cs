using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Configuration;

namespace SpotifyDashboard.Web.Tests.Http;

/// <summary>
/// The teacher's session lives on the server: a cookie saved along the way opens nothing once the session is over
/// (signed out, 12 hours after signing in, or the admin key changed), and an open page loses its rights at its next action.
/// </summary>
public sealed class TeacherSessionTests : IDisposable
{
    private readonly TestClock _clock = new(DateTimeOffset.UtcNow);
    private readonly WebFactory _web;

    public TeacherSessionTests()
    {
        _web = new WebFactory(clock: _clock);
        _web.Api.Returns("/api/admin/sources", new AdminSourcesView("demo", "demo", false, []));
    }

    public void Dispose() => _web.Dispose();

    [Fact]
    public async Task ACookieSavedBeforeSigningOutOpensNothingAfterwards()
    {
        var (browser, saved) = await SignInAsync();
        Assert.Equal(HttpStatusCode.OK, (await WithCookie(saved).GetAsync("/admin/sources")).StatusCode);

        await SignOutAsync(browser);

        var replayed = await WithCookie(saved).GetAsync("/admin/sources");
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.StartsWith(TeacherSignIn.SignInPath, replayed.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvenABusySessionEndsTwelveHoursAfterSigningIn()
    {
        var (browser, saved) = await SignInAsync();

        // Used every five hours, the 8-hour sliding cookie never runs out on its own.
        foreach (var hours in new[] { 5.0, 5.0, 1.9 })
        {
            _clock.Advance(TimeSpan.FromHours(hours));
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/admin/sources")).StatusCode);
        }

        _clock.Advance(TimeSpan.FromHours(0.2));

        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/admin/sources")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await WithCookie(saved).GetAsync("/admin/sources")).StatusCode);
    }

    [Fact]
    public async Task ChangingTheAdminKeyEndsEverySession()
    {
        var (browser, saved) = await SignInAsync();

        ChangeAdminKey("a-new-teacher-key-Rk4pW8sZ");

        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/admin/sources")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await WithCookie(saved).GetAsync("/admin/sources")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInForm.PostAsync(_web.CreateBrowser(), "a-new-teacher-key-Rk4pW8sZ")).StatusCode);
    }

    [Fact]
    public async Task AnOpenTeachersPageLosesItsRightsAtItsNextAction()
    {
        using var scope = _web.Services.CreateScope();
        var sessions = scope.ServiceProvider.GetRequiredService<TeacherSessions>();
        var store = scope.ServiceProvider.GetRequiredService<TeacherTicketStore>();
        var teacher = sessions.NewSession();
        var sessionId = await store.StoreAsync(new AuthenticationTicket(teacher, CookieAuthenticationDefaults.AuthenticationScheme));
        // What a circuit holds: the user its connection came with.
        var page = (TeacherAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        page.SetAuthenticationState(Task.FromResult(new AuthenticationState(teacher)));
        var admin = scope.ServiceProvider.GetRequiredService<AdminApiClient>();
        Assert.NotNull((await admin.GetSourcesAsync()).Value);

        // Signed out in another tab: the session is gone from the cache.
        await store.RemoveAsync(sessionId);
        var action = await admin.ReadNowAsync();

        Assert.Equal(401, action?.Status);
        Assert.Contains("Sign in again", action?.Detail, StringComparison.Ordinal);
        Assert.Empty(_web.Api.RequestsTo("/api/admin/sources/read"));
        Assert.False((await page.GetAuthenticationStateAsync()).User.Identity?.IsAuthenticated);
    }

    private async Task<(HttpClient Browser, string SavedCookie)> SignInAsync()
    {
        var browser = _web.CreateBrowser();
        var signedIn = await SignInForm.PostAsync(browser, WebFactory.AdminKey);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return (browser, SignInForm.TeacherCookie(signedIn));
    }

    private static async Task SignOutAsync(HttpClient browser)
    {
        var page = await (await browser.GetAsync(TeacherSignIn.SignOutPath)).Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        var signedOut = await browser.PostAsync(TeacherSignIn.SignOutPath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "teacher-signout",
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
    }

    /// <summary>A client that sends exactly this cookie, as someone who copied it would.</summary>
    private HttpClient WithCookie(string cookie)
    {
        var client = _web.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    private void ChangeAdminKey(string key)
    {
        _web.Services.GetRequiredService<IConfiguration>()["Admin:Key"] = key;
        _web.Services.GetRequiredService<IOptionsMonitorCache<AdminOptions>>().Clear();
        Assert.Equal(key, _web.Services.GetRequiredService<IOptionsMonitor<AdminOptions>>().CurrentValue.Key);
    }
}
