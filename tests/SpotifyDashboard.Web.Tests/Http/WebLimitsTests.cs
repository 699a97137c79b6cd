using Microsoft.AspNetCore.Mvc;

namespace SpotifyDashboard.Web.Tests.Http;

/// <summary>A flood from one address meets the web's own limits and leaves every other visitor's pages working.</summary>
public sealed class WebLimitsTests : IDisposable
{
    private const string Flooder = "203.0.113.66";
    private const string Visitor = "198.51.100.7";

    private readonly WebFactory _web = new(settings: new Dictionary<string, string>
    {
        ["WebLimits:SpotifySignInsPerMinute"] = "3",
        ["WebLimits:CircuitsPerAddress"] = "2",
        // With it the web tells the api which visitor each call is for (and the fake api can refuse one of them).
        [DashboardUserHandler.KeySetting] = "internal-test-key",
    });

    public void Dispose() => _web.Dispose();

    [Fact]
    public async Task SpotifySignInStartsAreLimitedPerAddress()
    {
        var flooder = _web.CreateBrowserAt(Flooder);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await flooder.GetAsync(SpotifySignIn.SignInPath)).StatusCode);
        }

        var refused = await flooder.GetAsync(SpotifySignIn.SignInPath);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.Redirect, (await _web.CreateBrowserAt(Visitor).GetAsync(SpotifySignIn.SignInPath)).StatusCode);
    }

    [Fact]
    public async Task OpenCircuitsAreLimitedPerAddress()
    {
        var open = new List<System.Net.WebSockets.WebSocket>();
        try
        {
            open.Add(await OpenCircuitConnectionAsync(Flooder));
            open.Add(await OpenCircuitConnectionAsync(Flooder));

            var refused = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => OpenCircuitConnectionAsync(Flooder));
            Assert.Contains("429", refused.Message, StringComparison.Ordinal);

            open.Add(await OpenCircuitConnectionAsync(Visitor));
        }
        finally
        {
            foreach (var socket in open)
            {
                socket.Abort();
                socket.Dispose();
            }
        }
    }

    [Fact]
    public async Task OneVisitorsRefusalsOpenNoBreakerForTheOthers()
    {
        _web.Api.Answers("/api/overview", request => request.Header(DashboardUserHandler.AddressHeader) == Flooder
            ? Problem(HttpStatusCode.TooManyRequests, "Too many requests")
            : Ok(Overview()));

        var flooder = ClientFor(Flooder);
        for (var i = 0; i < 150; i++)
        {
            Assert.Equal(429, (await flooder.GetOverviewAsync()).Problem?.Status);
        }

        // Never retried: each refusal was asked once.
        Assert.Equal(150, _web.Api.RequestsTo("/api/overview").Count);
        Assert.NotNull((await ClientFor(Visitor).GetOverviewAsync()).Value);
        var page = await _web.CreateBrowserAt(Visitor).GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("id=\"overview-tiles\"", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task APostIsNeverRetriedAndAReadIsOnlyWhenTheApiItselfFailed()
    {
        _web.Api.Answers("/api/predict-major", _ => Problem(HttpStatusCode.InternalServerError, "Boom"));
        _web.Api.Answers("/api/overview", _ => Problem(HttpStatusCode.BadGateway, "Bad gateway"));
        _web.Api.Answers("/api/clusters", _ => Problem(HttpStatusCode.ServiceUnavailable, "Busy"));
        var client = ClientFor(Visitor);

        Assert.Equal(500, (await client.PredictMajorAsync("Song", "Artist")).Problem?.Status);
        Assert.Equal(502, (await client.GetOverviewAsync()).Problem?.Status);
        Assert.Equal(503, (await client.GetClustersAsync()).Problem?.Status);

        Assert.Single(_web.Api.RequestsTo("/api/predict-major"));
        Assert.Equal(3, _web.Api.RequestsTo("/api/overview").Count);
        Assert.Single(_web.Api.RequestsTo("/api/clusters"));
    }

    [Fact]
    public async Task AnOpenBreakerIsAMessageOnThePageNeverAnErrorPage()
    {
        _web.Api.Answers("/api/predict-major", _ => Problem(HttpStatusCode.InternalServerError, "Boom"));
        var client = ClientFor(Visitor);
        for (var i = 0; i < 120; i++)
        {
            await client.PredictMajorAsync("Song", "Artist");
        }

        var asked = _web.Api.Requests.Count;
        var answer = await client.GetOverviewAsync();
        var status = await client.GetStatusAsync();

        Assert.True(answer.Problem?.IsUnreachable, $"Expected the breaker's refusal as a problem, got {answer.Problem}.");
        Assert.True(status.Problem?.IsUnreachable, $"Expected the breaker's refusal as a problem, got {status.Problem}.");
        Assert.Equal(asked, _web.Api.Requests.Count);
        var page = await _web.CreateBrowserAt(Visitor).GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("The api is not answering", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private DashboardApiClient ClientFor(string address)
    {
        var scope = _web.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<DashboardUser>().Address = address;
        return scope.ServiceProvider.GetRequiredService<DashboardApiClient>();
    }

    /// <summary>What a tab does to start its circuit: negotiate, then hold the connection's web socket open.</summary>
    private async Task<System.Net.WebSockets.WebSocket> OpenCircuitConnectionAsync(string address)
    {
        var negotiate = new HttpRequestMessage(HttpMethod.Post, $"{WebLimits.CircuitPath}/negotiate?negotiateVersion=1");
        negotiate.Headers.Add(WebFactory.FromAddressHeader, address);
        var negotiated = await _web.CreateBrowser().SendAsync(negotiate);
        negotiated.EnsureSuccessStatusCode();
        var token = (await negotiated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("connectionToken").GetString();

        var sockets = _web.Server.CreateWebSocketClient();
        sockets.ConfigureRequest = request => request.Headers[WebFactory.FromAddressHeader] = address;
        return await sockets.ConnectAsync(new Uri(_web.Server.BaseAddress, $"{WebLimits.CircuitPath}?id={token}"), CancellationToken.None);
    }

    private static HttpResponseMessage Ok(object value) =>
        new(HttpStatusCode.OK) { Content = JsonContent.Create(value, value.GetType(), options: DashboardJson.Options) };

    private static HttpResponseMessage Problem(HttpStatusCode status, string title) =>
        new(status) { Content = JsonContent.Create(new ProblemDetails { Status = (int)status, Title = title }, options: DashboardJson.Options) };
}
