using System.Text.RegularExpressions;

namespace SpotifyDashboard.Web.Tests.Http;

/// <summary>What a browser does with the sign-in page: load it (antiforgery cookie and token), then post the form.</summary>
public static partial class SignInForm
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient browser, string password, string? returnUrl = null, bool withToken = true)
    {
        var post = await LoadAsync(browser, returnUrl, withToken);
        return await post(password);
    }

    /// <summary>Loads the page once and answers a way to post it with any password, as often as wanted (in parallel too).</summary>
    public static async Task<Func<string, Task<HttpResponseMessage>>> LoadAsync(HttpClient browser, string? returnUrl = null, bool withToken = true)
    {
        var url = returnUrl is null ? "/admin/signin" : $"/admin/signin?returnUrl={Uri.EscapeDataString(returnUrl)}";
        var page = await browser.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var passwordField = PasswordName().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new Xunit.Sdk.XunitException("No password field in:\n" + html);
        var token = Token().Match(html).Groups[1].Value;

        return password =>
        {
            var fields = new Dictionary<string, string>
            {
                ["_handler"] = "teacher-signin",
                [passwordField] = password,
            };
            if (withToken)
            {
                fields["__RequestVerificationToken"] = token;
            }

            return browser.PostAsync(url, new FormUrlEncodedContent(fields));
        };
    }

    public static async Task<HttpClient> SignedInBrowserAsync(this Infrastructure.WebFactory web)
    {
        var browser = web.CreateBrowser();
        var signedIn = await PostAsync(browser, Infrastructure.WebFactory.AdminKey);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return browser;
    }

    /// <summary>The teacher's cookie as a browser would send it back (name=value), from a response that set it.</summary>
    public static string TeacherCookie(HttpResponseMessage response) =>
        Assert.Single(SetCookies(response), c => c.StartsWith(SpotifyDashboard.Web.Security.TeacherSignIn.CookieName + "=", StringComparison.Ordinal)).Split(';')[0];

    public static IReadOnlyList<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? [.. values] : [];

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("type=\"password\"[^>]*name=\"([^\"]+)\"|name=\"([^\"]+)\"[^>]*type=\"password\"")]
    private static partial Regex PasswordName();
}
