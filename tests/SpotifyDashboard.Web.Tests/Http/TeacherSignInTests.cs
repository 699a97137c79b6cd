namespace SpotifyDashboard.Web.Tests.Http;

/// <summary>The teacher's sign-in over HTTP, through the web's real pipeline.</summary>
public sealed class TeacherSignInTests : IDisposable
{
    private readonly WebFactory _web = new();

    public static TheoryData<string> AdminPages { get; } =
        ["/admin/sources", "/admin/quarantine", "/admin/unmatched", "/admin/refresh", "/admin/upload", "/admin/providers"];

    [Theory]
    [MemberData(nameof(AdminPages))]
    public async Task EveryAdminPageSendsASignedOutVisitorToTheSignInPage(string page)
    {
        var response = await _web.CreateBrowser().GetAsync(page);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/admin/signin?returnUrl={Uri.EscapeDataString(page)}", response.Headers.Location!.PathAndQuery);
        Assert.DoesNotContain(_web.Api.Requests, r => r.Path.StartsWith("/api/admin", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignedOutThePagesOfferSignInAndHideTheTeachersNavigation()
    {
        var html = await (await _web.CreateBrowser().GetAsync("/")).Content.ReadAsStringAsync();

        Assert.Contains("id=\"signin-link\"", html);
        Assert.DoesNotContain("title=\"Teacher\"", html);
        Assert.DoesNotContain("href=\"/admin/sources\"", html);
    }

    [Fact]
    public async Task AWrongPasswordShowsAnErrorSetsNoCookieAndIsLoggedWithoutWhatWasTyped()
    {
        var response = await SignInForm.PostAsync(_web.CreateBrowser(), "not-the-key-1234");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("id=\"signin-error\"", html);
        Assert.DoesNotContain("not-the-key-1234", html);
        Assert.DoesNotContain(SignInForm.SetCookies(response), c => c.StartsWith(TeacherSignIn.CookieName + "=", StringComparison.Ordinal));
        Assert.Contains(_web.Logs, line => line.Contains("wrong teacher password", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(_web.Logs, line => line.Contains("not-the-key-1234", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheRightPasswordSetsAnHttpOnlyStrictSecureCookieAndGoesToTheReturnUrl()
    {
        var response = await SignInForm.PostAsync(_web.CreateBrowser(), WebFactory.AdminKey, returnUrl: "/admin/unmatched");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("https://localhost/admin/unmatched", response.Headers.Location!.OriginalString);
        var cookie = Assert.Single(SignInForm.SetCookies(response), c => c.StartsWith(TeacherSignIn.CookieName + "=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=strict", cookie);
        Assert.Contains("secure", cookie);
        Assert.DoesNotContain(WebFactory.AdminKey.ToLowerInvariant(), cookie);
    }

    [Theory]
    [InlineData("//evil.example/phish")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example")]
    public async Task AReturnUrlToAnotherSiteIsIgnored(string returnUrl)
    {
        var response = await SignInForm.PostAsync(_web.CreateBrowser(), WebFactory.AdminKey, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("https://localhost" + SafeReturnUrl.Default, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task APostWithoutTheAntiforgeryTokenIsRefused()
    {
        var response = await SignInForm.PostAsync(_web.CreateBrowser(), WebFactory.AdminKey, withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(SignInForm.SetCookies(response), c => c.StartsWith(TeacherSignIn.CookieName + "=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheSignedInTeacherSeesTheAdminPagesWhichCallTheApiWithTheKeyThatNeverReachesTheHtml()
    {
        _web.Api.Returns("/api/admin/sources", new AdminSourcesView("demo", "demo", false, []));
        var browser = await _web.SignedInBrowserAsync();

        var response = await browser.GetAsync("/admin/sources");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Sources", html);
        Assert.Contains("title=\"Teacher\"", html);
        Assert.DoesNotContain(WebFactory.AdminKey, html);
        Assert.Equal(WebFactory.AdminKey, _web.Api.LastRequestTo("/api/admin/sources").Header(AdminKeyHandler.HeaderName));
    }

    [Fact]
    public async Task TheDashboardsApiClientDoesNotSendTheAdminKey()
    {
        var browser = await _web.SignedInBrowserAsync();

        var html = await (await browser.GetAsync("/")).Content.ReadAsStringAsync();

        Assert.DoesNotContain(WebFactory.AdminKey, html);
        Assert.All(_web.Api.Requests.Where(r => !r.Path.StartsWith("/api/admin", StringComparison.Ordinal) && r.Path != "/api/unmatched"),
            request => Assert.Null(request.Header(AdminKeyHandler.HeaderName)));
        Assert.NotEmpty(_web.Api.Requests);
    }

    [Fact]
    public async Task SigningOutEndsTheSignIn()
    {
        var browser = await _web.SignedInBrowserAsync();
        var page = await (await browser.GetAsync("/admin/signout")).Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;

        var signedOut = await browser.PostAsync("/admin/signout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "teacher-signout",
            ["__RequestVerificationToken"] = token,
        }));

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/admin/sources")).StatusCode);
    }

    [Fact]
    public async Task WithoutAnAdminKeyTheSignInPageSaysHowToSetOne()
    {
        using var web = new WebFactory(adminKey: null);

        var html = await (await web.CreateBrowser().GetAsync("/admin/signin")).Content.ReadAsStringAsync();

        Assert.Contains("id=\"admin-key-missing\"", html);
        Assert.Contains("dotnet user-secrets set Parameters:admin-key", html);
        Assert.DoesNotContain("id=\"signin-form\"", html);
    }

    [Fact]
    public async Task AdminTakesASignedOutTeacherToTheSignInAndASignedInOneToTheSources()
    {
        var signedOut = await _web.CreateBrowser().GetAsync("/admin");

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal("/admin/signin?returnUrl=%2Fadmin%2Fsources", signedOut.Headers.Location!.PathAndQuery);

        var signedIn = await (await _web.SignedInBrowserAsync()).GetAsync("/admin");

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/admin/sources", signedIn.Headers.Location!.PathAndQuery);
    }

    [Theory]
    [InlineData("letmein", "too short")]
    [InlineData("correct horse battery staple", "well-known")]
    public async Task WithAWeakAdminKeyTheTeachersPagesStayOffAndSayWhy(string key, string why)
    {
        using var web = new WebFactory(adminKey: key);
        var browser = web.CreateBrowser();

        var html = await (await browser.GetAsync("/admin/signin")).Content.ReadAsStringAsync();

        Assert.Contains("id=\"admin-key-problem\"", html);
        Assert.Contains(why, html, StringComparison.Ordinal);
        Assert.DoesNotContain(key, html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"signin-form\"", html);
        Assert.Contains(web.Logs, line => line.Contains("teacher's pages are off", StringComparison.Ordinal));
    }

    public void Dispose() => _web.Dispose();
}
