namespace SpotifyDashboard.Web.Tests.Services;

/// <summary>The teacher's api client as the web registers it, over a handler standing in for the api.</summary>
public class AdminApiClientTests
{
    private sealed class FailingApi : HttpMessageHandler
    {
        public List<HttpRequestMessage> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
        }
    }

    private static ServiceProvider Services(FailingApi api)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOptions<AdminOptions>().Configure(options => options.Key = "the-teachers-key");
        services.AddAdminApiClient();
        services.AddHttpClient<AdminApiClient>(client => client.BaseAddress = new("http://api"))
            .ConfigurePrimaryHttpMessageHandler(() => api);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task AFailedRefreshIsSentOnceNotRetriedIntoASecondRefresh()
    {
        var api = new FailingApi();
        await using var services = Services(api);

        var result = await services.GetRequiredService<AdminApiClient>().StartRefreshAsync(new RefreshRequest());

        Assert.Equal(503, result.Problem?.Status);
        var request = Assert.Single(api.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("the-teachers-key", Assert.Single(request.Headers.GetValues(AdminKeyHandler.HeaderName)));
    }
}
