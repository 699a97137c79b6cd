using System.Net;
using System.Text.RegularExpressions;

namespace SpotifyDashboard.Web.Tests.Http;

/// <summary>What a browser does with the sign-in page: load it (antiforgery cookie and token), then post the form.</summary>
public static partial class SignInForm
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient browser, string password, string? returnUrl = null, bool withToken = true)
    {
        var url = returnUrl is null ? "/admin/signin" : $"/admin/signin?returnUrl={Uri.EscapeDataString(returnUrl)}";
        var page = await browser.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();

        var fields = new Dictionary<string, string>
        {
            ["_handler"] = "teacher-signin",
            [PasswordName().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new Xunit.Sdk.XunitException("No password field in:\n" + html)] = password,
        };
        if (withToken)
        {
            fields["__RequestVerificationToken"] = Token().Match(html).Groups[1].Value;
        }

        return await browser.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    public static async Task<HttpClient> SignedInBrowserAsync(this Infrastructure.WebFactory web)
    {
        var browser = web.CreateBrowser();
        var signedIn = await PostAsync(browser, Infrastructure.WebFactory.AdminKey);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return browser;
    }

    public static IReadOnlyList<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? [.. values] : [];

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("type=\"password\"[^>]*name=\"([^\"]+)\"|name=\"([^\"]+)\"[^>]*type=\"password\"")]
    private static partial Regex PasswordName();
}
