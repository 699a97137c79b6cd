namespace SpotifyDashboard.Web.Tests.Http;

public sealed class SecurityHeadersTests : IDisposable
{
    private readonly WebFactory _web = new();

    public static TheoryData<string> Directives { get; } =
    [
        "default-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:", "font-src 'self'",
        "connect-src 'self';", "worker-src 'self' blob:", "object-src 'none'", "frame-src 'none'",
        "frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'",
    ];

    [Theory]
    [InlineData("/")]
    [InlineData("/clusters")]
    [InlineData("/admin/signin")]
    public async Task PagesCarryTheBrowserSecurityHeaders(string page)
    {
        var response = await _web.CreateBrowser().GetAsync(page);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        foreach (var directive in Directives)
        {
            Assert.Contains(directive, csp);
        }

        Assert.Matches("script-src 'self' 'nonce-[A-Za-z0-9+/=]+';", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task TheImportMapIsTheOnlyInlineScriptAndCarriesThePolicysNonce()
    {
        var response = await _web.CreateBrowser().GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();
        var nonce = System.Text.RegularExpressions.Regex.Match(string.Join(";", response.Headers.GetValues("Content-Security-Policy")), "'nonce-([^']+)'").Groups[1].Value;

        var inline = System.Text.RegularExpressions.Regex.Matches(html, "<script(?![^>]*\\ssrc=)[^>]*>");
        var script = Assert.Single(inline);
        Assert.Contains("importmap", script.Value);
        Assert.Contains($"nonce=\"{nonce}\"", script.Value);
    }

    [Fact]
    public async Task TheMetricsAreNotServedToTheOutside()
    {
        var browser = _web.CreateBrowser();

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/metrics")).StatusCode);

        var proxied = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        proxied.Headers.Add(WebFactory.FromLoopbackHeader, "1");
        proxied.Headers.Add("X-Forwarded-For", "203.0.113.7");
        Assert.Equal(HttpStatusCode.NotFound, (await browser.SendAsync(proxied)).StatusCode);
    }

    [Fact]
    public async Task TheMetricsAreServedToThisMachine()
    {
        var local = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        local.Headers.Add(WebFactory.FromLoopbackHeader, "1");

        var response = await _web.CreateBrowser().SendAsync(local);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task OutsideDevelopmentTheErrorPageSaysNothingAndHstsIsOn()
    {
        using var web = new WebFactory(environment: "Production");

        // HSTS is never sent to localhost.
        var response = await web.CreateBrowser("https://dashboard.example").GetAsync("/Error");

        Assert.Contains("max-age=", string.Join(";", response.Headers.GetValues("Strict-Transport-Security")));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Something went wrong", html);
        Assert.DoesNotContain("Exception", html);
    }

    public void Dispose() => _web.Dispose();
}
