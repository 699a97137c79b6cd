using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.WebUtilities;

namespace SpotifyDashboard.Web.Tests.Http;

/// <summary>
/// Deployed, the web sits behind the Container Apps ingress, which ends TLS and passes the request on as plain http with
/// <c>X-Forwarded-Proto: https</c>. The deployment sets ASPNETCORE_FORWARDEDHEADERS_ENABLED so the web believes it:
/// otherwise its https redirect URI looks like another origin and the listener sign-in sends the browser round in circles.
/// </summary>
public sealed class ForwardedHeadersTests : IDisposable
{
    private const string DeployedOrigin = "https://web.example-env.westeurope.azurecontainerapps.io";
    private const string RedirectUri = DeployedOrigin + SpotifySignIn.CallbackPath;

    // What the ingress sends on: the same host, plain http.
    private const string AsTheIngressForwardsIt = "http://web.example-env.westeurope.azurecontainerapps.io";

    private readonly WebFactory _root = new(environment: "Production");

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task BehindTheIngressTheSignInGoesStraightToSpotifyWithTheHttpsRedirectAndASecureCookie()
    {
        using var web = Web(forwardedHeadersEnabled: true);

        var response = await SignInThroughTheIngress(web);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal("https://accounts.spotify.com/authorize", location.GetLeftPart(UriPartial.Path));
        Assert.Equal(RedirectUri, QueryHelpers.ParseQuery(location.Query)["redirect_uri"]);
        var cookie = Assert.Single(SignInForm.SetCookies(response), c => c.StartsWith(SpotifySignInState.CookieName + "=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task WithoutTheSettingTheWebTakesItselfForPlainHttpAndSendsTheBrowserBackToItsHttpsOrigin()
    {
        using var web = Web(forwardedHeadersEnabled: false);

        var response = await SignInThroughTheIngress(web);

        // The ingress would bring that request back as plain http again: a loop the setting prevents.
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(DeployedOrigin + SpotifySignIn.SignInPath, response.Headers.Location!.ToString());
        Assert.DoesNotContain(SignInForm.SetCookies(response), c => c.StartsWith(SpotifySignInState.CookieName + "=", StringComparison.Ordinal));
    }

    private WebApplicationFactory<Program> Web(bool forwardedHeadersEnabled) => _root.WithWebHostBuilder(builder =>
    {
        // The configuration key ASPNETCORE_FORWARDEDHEADERS_ENABLED becomes once the host strips its prefix.
        builder.UseSetting("FORWARDEDHEADERS_ENABLED", forwardedHeadersEnabled ? "true" : "false");
        builder.UseSetting("Spotify:ClientId", "deployed-client-id");
        builder.UseSetting("Spotify:RedirectUri", RedirectUri);
        builder.ConfigureTestServices(services => services.AddSingleton<ISpotifySessionStore>(new MemorySpotifySessionStore()));
    });

    private static Task<HttpResponseMessage> SignInThroughTheIngress(WebApplicationFactory<Program> web)
    {
        var browser = web.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new(AsTheIngressForwardsIt) });
        var request = new HttpRequestMessage(HttpMethod.Get, SpotifySignIn.SignInPath);
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        return browser.SendAsync(request);
    }
}
