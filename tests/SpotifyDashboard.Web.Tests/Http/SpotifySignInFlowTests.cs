using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.WebUtilities;

namespace SpotifyDashboard.Web.Tests.Http;

/// <summary>
/// A listener's sign-in with Spotify through the web's real pipeline, against a strict fake of Spotify's accounts
/// service, from the registered origin (http://127.0.0.1:5080, plain http on this machine).
/// </summary>
public sealed class SpotifySignInFlowTests : IDisposable
{
    private const string ClientId = "test-client-id";
    private const string Origin = "http://127.0.0.1:5080";
    private const string RedirectUri = Origin + SpotifySignIn.CallbackPath;

    private readonly WebFactory _root = new();
    private readonly MemorySpotifySessionStore _store = new();
    private readonly WebApplicationFactory<Program> _web;
    private readonly FakeSpotify _spotify;

    public SpotifySignInFlowTests()
    {
        _spotify = new FakeSpotify(_root.Api, ClientId, RedirectUri);
        _web = _root.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Spotify:ClientId", ClientId);
            builder.ConfigureTestServices(services => services.AddSingleton<ISpotifySessionStore>(_store));
        });
    }

    public void Dispose()
    {
        _web.Dispose();
        _root.Dispose();
    }

    [Fact]
    public async Task SignInRedirectsToSpotifyWithAnS256ChallengeTheStateAndTheTopReadScope()
    {
        var response = await Browser().GetAsync(SpotifySignIn.SignInPath);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal("https://accounts.spotify.com/authorize", location.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal(ClientId, query["client_id"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal(RedirectUri, query["redirect_uri"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", query["code_challenge"].ToString());
        Assert.True(query["state"].ToString().Length >= 22);
        Assert.Equal("user-top-read", query["scope"]);
        var cookie = Assert.Single(SignInForm.SetCookies(response), c => c.StartsWith(SpotifySignInState.CookieName + "=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=lax", cookie);
        Assert.DoesNotContain(query["state"].ToString().ToLowerInvariant(), cookie);
    }

    [Fact]
    public async Task ASignInOnAnotherOriginStartsAgainOnTheRedirectUrisOriginWithoutACookie()
    {
        var response = await Browser("http://localhost:5080").GetAsync(SpotifySignIn.SignInPath);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(Origin + SpotifySignIn.SignInPath, response.Headers.Location!.OriginalString);
        Assert.Empty(SignInForm.SetCookies(response));
    }

    [Fact]
    public async Task TheCallbackExchangesTheCodeWithTheVerifierOfTheChallengeAndSignsTheListenerIn()
    {
        var browser = Browser();
        var authorize = await StartAsync(browser);

        var response = await ReturnFromSpotifyAsync(browser, authorize);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(SpotifySignIn.ComparePath, response.Headers.Location!.OriginalString);
        var exchange = Assert.Single(_spotify.TokenRequests);
        Assert.Equal("authorization_code", exchange["grant_type"]);
        Assert.Equal(RedirectUri, exchange["redirect_uri"]);
        Assert.Equal(ClientId, exchange["client_id"]);
        Assert.False(exchange.ContainsKey("client_secret"));
        Assert.Equal(QueryHelpers.ParseQuery(authorize.Query)["code_challenge"], Pkce.ChallengeOf(exchange["code_verifier"]));
        var session = Assert.Single(SignInForm.SetCookies(response), c => c.StartsWith(SpotifySessions.CookieName + "=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("httponly", session);
        Assert.Single(_store.Values.Keys, k => k.StartsWith("session:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ACallbackWithAnotherStateIsRefusedAndNobodyIsSignedIn()
    {
        var browser = Browser();
        var authorize = await StartAsync(browser);
        var code = _spotify.Consent(QueryHelpers.ParseQuery(authorize.Query)["code_challenge"]!);

        var response = await browser.GetAsync($"{SpotifySignIn.CallbackPath}?code={code}&state={Pkce.NewState()}");

        Assert.Equal($"{SpotifySignIn.ComparePath}?signin=state", response.Headers.Location!.OriginalString);
        Assert.Empty(_spotify.TokenRequests);
        Assert.DoesNotContain(SignInForm.SetCookies(response), c => c.StartsWith(SpotifySessions.CookieName + "=", StringComparison.Ordinal));
        Assert.DoesNotContain(_store.Values.Keys, k => k.StartsWith("session:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AReplayedCallbackWithTheSameCookieCodeAndStateIsRefused()
    {
        var browser = Browser();
        var started = await browser.GetAsync(SpotifySignIn.SignInPath);
        var stateCookie = SignInForm.SetCookies(started).Single(c => c.StartsWith(SpotifySignInState.CookieName + "=", StringComparison.Ordinal)).Split(';')[0];
        var query = QueryHelpers.ParseQuery(started.Headers.Location!.Query);
        var callback = $"{SpotifySignIn.CallbackPath}?code={_spotify.Consent(query["code_challenge"]!)}&state={Uri.EscapeDataString(query["state"]!)}";
        Assert.Equal(SpotifySignIn.ComparePath, (await browser.GetAsync(callback)).Headers.Location!.OriginalString);

        // An eavesdropper who kept the cookie and the URL tries them again.
        using var replay = new HttpRequestMessage(HttpMethod.Get, callback);
        replay.Headers.Add("Cookie", stateCookie);
        var response = await Browser(handleCookies: false).SendAsync(replay);

        Assert.Equal($"{SpotifySignIn.ComparePath}?signin=state", response.Headers.Location!.OriginalString);
        Assert.Single(_spotify.TokenRequests);
        Assert.Single(_store.Values.Keys, k => k.StartsWith("session:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DenyingAccessOnSpotifyShowsWhyAndSignsNobodyIn()
    {
        var browser = Browser();
        var authorize = await StartAsync(browser);
        var state = QueryHelpers.ParseQuery(authorize.Query)["state"]!;

        var response = await browser.GetAsync($"{SpotifySignIn.CallbackPath}?error=access_denied&state={Uri.EscapeDataString(state!)}");
        var page = await (await browser.GetAsync(response.Headers.Location!)).Content.ReadAsStringAsync();

        Assert.Equal($"{SpotifySignIn.ComparePath}?signin=denied", response.Headers.Location!.OriginalString);
        Assert.Contains("You did not allow access on Spotify", page);
        Assert.Contains("id=\"spotify-signin\"", page);
        Assert.Empty(_spotify.TokenRequests);
    }

    [Fact]
    public async Task AnExpiredAccessTokenIsRefreshedAndTheRotatedRefreshTokenIsUsedNextTime()
    {
        _spotify.ExpiresIn = 0;
        var sessionCookie = await SignedInAsync();

        var first = await TopTracksAsync(sessionCookie);
        var second = await TopTracksAsync(sessionCookie);

        Assert.Null(first.Problem);
        Assert.Equal(["4uLU6hMCjMI75M1A2tKUQC", "7GhIk7Il098yCjg4BQjzvb"], first.Tracks.Select(t => t.Id));
        Assert.Equal("Rick Astley", first.Tracks[0].Artist);
        Assert.Null(second.Problem);
        // The fake accepts each refresh token once: the second refresh succeeds only with the rotated one.
        Assert.Equal(2, _spotify.TokenRequests.Count(r => r["grant_type"] == "refresh_token"));
    }

    [Fact]
    public async Task A401FromSpotifyIsRefreshedOnceAndAnswered()
    {
        var sessionCookie = await SignedInAsync();
        _spotify.ExpireAccessTokens();

        var answer = await TopTracksAsync(sessionCookie);

        Assert.Null(answer.Problem);
        Assert.Equal(2, answer.Tracks.Count);
        Assert.Single(_spotify.TokenRequests, r => r["grant_type"] == "refresh_token");
    }

    [Fact]
    public async Task ARevokedRefreshTokenSignsTheListenerOutAndAsksToSignInAgain()
    {
        _spotify.ExpiresIn = 0;
        var sessionCookie = await SignedInAsync();
        _spotify.RevokeRefreshTokens();

        var answer = await TopTracksAsync(sessionCookie);

        Assert.Equal(TopTracksProblem.SignedOut, answer.Problem);
        Assert.Contains("Sign in again", answer.Message);
        Assert.DoesNotContain(_store.Values.Keys, k => k.StartsWith("session:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("User not registered in the Developer Dashboard")]
    [InlineData("User not approved for app")]
    public async Task AListenerNotAddedToADevelopmentModeAppIsAskedToGetTheTeacherToAddThem(string spotifySays)
    {
        var sessionCookie = await SignedInAsync();
        _spotify.RefuseTopTracks(spotifySays);

        var answer = await TopTracksAsync(sessionCookie);

        Assert.Equal(TopTracksProblem.NotRegistered, answer.Problem);
        Assert.Contains("Ask your teacher to add you (development mode allows 5 users)", answer.Message);
    }

    [Fact]
    public async Task AnAppRefusedForItsOwnersLapsedPremiumIsNotBlamedOnTheListener()
    {
        var sessionCookie = await SignedInAsync();
        _spotify.RefuseTopTracks("Active premium subscription required for the owner of the app");

        var answer = await TopTracksAsync(sessionCookie);

        Assert.Equal(TopTracksProblem.AppRefused, answer.Problem);
        Assert.Contains("Tell your teacher", answer.Message);
    }

    [Fact]
    public async Task TwoTabsRefreshingAtOnceBothStaySignedInWithOneRefresh()
    {
        _spotify.ExpiresIn = 0;
        _spotify.RefreshDelay = TimeSpan.FromMilliseconds(300);
        var sessionCookie = await SignedInAsync();

        var tabs = await Task.WhenAll(Task.Run(() => TopTracksAsync(sessionCookie)), Task.Run(() => TopTracksAsync(sessionCookie)));

        Assert.All(tabs, tab => Assert.Null(tab.Problem));
        Assert.All(tabs, tab => Assert.Equal(2, tab.Tracks.Count));
        // Spotify takes each refresh token once: one refresh, whose rotated token is kept for the next.
        Assert.Single(_spotify.TokenRequests, r => r["grant_type"] == "refresh_token");
        var later = await TopTracksAsync(sessionCookie);
        Assert.Null(later.Problem);
        Assert.Equal(2, _spotify.TokenRequests.Count(r => r["grant_type"] == "refresh_token"));
    }

    [Fact]
    public async Task TooManyRequestsSaysWhenToTryAgain()
    {
        var sessionCookie = await SignedInAsync();
        _spotify.TopTracks = () =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
            response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(30));
            return response;
        };

        var answer = await TopTracksAsync(sessionCookie);

        Assert.Equal(TopTracksProblem.RateLimited, answer.Problem);
        Assert.Contains("Try again in 30 s", answer.Message);
        Assert.Single(_root.Api.RequestsTo("/v1/me/top/tracks"));
    }

    [Fact]
    public async Task SigningOutForgetsTheTokens()
    {
        var browser = Browser();
        await ReturnFromSpotifyAsync(browser, await StartAsync(browser));

        var response = await browser.PostAsync(SpotifySignIn.SignOutPath, null);

        Assert.Equal($"{SpotifySignIn.ComparePath}?signin=signed-out", response.Headers.Location!.OriginalString);
        Assert.DoesNotContain(_store.Values.Keys, k => k.StartsWith("session:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NoTokenOrVerifierReachesTheBrowserOrTheLogs()
    {
        _spotify.ExpiresIn = 0;
        var browser = Browser();
        var signedIn = await ReturnFromSpotifyAsync(browser, await StartAsync(browser));
        var sessionCookie = CookieValue(signedIn, SpotifySessions.CookieName);
        await TopTracksAsync(sessionCookie);

        var page = await (await browser.GetAsync(SpotifySignIn.ComparePath)).Content.ReadAsStringAsync();
        var headers = string.Join("\n", signedIn.Headers.Select(h => $"{h.Key}: {string.Join(",", h.Value)}"));

        Assert.Contains("id=\"compare-mine\"", page);
        Assert.True(_spotify.Secrets.Count >= 5, "the flow should have exchanged a verifier and two sets of tokens");
        Assert.All(_spotify.Secrets, secret =>
        {
            Assert.DoesNotContain(secret, page, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, headers, StringComparison.Ordinal);
            Assert.DoesNotContain(_root.Logs, line => line.Contains(secret, StringComparison.Ordinal));
        });
        Assert.All(_store.Values.Values, stored => Assert.All(_spotify.Secrets, secret =>
            Assert.DoesNotContain(secret, System.Text.Encoding.UTF8.GetString(stored), StringComparison.Ordinal)));
    }

    private HttpClient Browser(string origin = Origin, bool handleCookies = true)
    {
        var browser = _web.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            BaseAddress = new(origin),
            HandleCookies = handleCookies,
        });
        // Plain http from this machine, as a browser on the registered http://127.0.0.1 redirect would be.
        browser.DefaultRequestHeaders.Add(WebFactory.FromLoopbackHeader, "1");
        return browser;
    }

    private static async Task<Uri> StartAsync(HttpClient browser)
    {
        var response = await browser.GetAsync(SpotifySignIn.SignInPath);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!;
    }

    /// <summary>The listener allows access; Spotify sends the browser back with a code and the state.</summary>
    private Task<HttpResponseMessage> ReturnFromSpotifyAsync(HttpClient browser, Uri authorize)
    {
        var query = QueryHelpers.ParseQuery(authorize.Query);
        var code = _spotify.Consent(query["code_challenge"]!);
        return browser.GetAsync($"{SpotifySignIn.CallbackPath}?code={code}&state={Uri.EscapeDataString(query["state"]!)}");
    }

    private async Task<string> SignedInAsync()
    {
        var browser = Browser();
        var response = await ReturnFromSpotifyAsync(browser, await StartAsync(browser));
        Assert.Equal(SpotifySignIn.ComparePath, response.Headers.Location!.OriginalString);
        return CookieValue(response, SpotifySessions.CookieName);
    }

    private async Task<TopTracksAnswer> TopTracksAsync(string sessionCookie)
    {
        using var scope = _web.Services.CreateScope();
        var sessions = scope.ServiceProvider.GetRequiredService<SpotifySessions>();
        return await scope.ServiceProvider.GetRequiredService<SpotifyTopTracks>().GetAsync(sessions.SessionIdOf(sessionCookie), "medium_term");
    }

    private static string CookieValue(HttpResponseMessage response, string name) =>
        Uri.UnescapeDataString(SignInForm.SetCookies(response).Single(c => c.StartsWith(name + "=", StringComparison.Ordinal)).Split(';')[0][(name.Length + 1)..]);
}
