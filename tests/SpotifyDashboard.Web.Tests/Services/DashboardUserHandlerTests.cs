using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace SpotifyDashboard.Web.Tests.Services;

/// <summary>The api client as Program.cs registers it, over a handler that records what would reach the api.</summary>
public class DashboardUserHandlerTests
{
    private sealed class RecordingApi(HttpResponseMessage? answer = null) : HttpMessageHandler
    {
        public List<HttpRequestMessage> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            return Task.FromResult(answer ?? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}", Encoding.UTF8, "application/json") });
        }
    }

    private static ServiceProvider Services(RecordingApi api, string? internalKey)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(internalKey is null ? [] : [new("Internal:Key", internalKey)])
            .Build());
        services.AddDashboardApiClient();
        services.AddHttpClient<DashboardApiClient>(client => client.BaseAddress = new("http://api"))
            .ConfigurePrimaryHttpMessageHandler(() => api);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task CallsForACircuitCarryItsUsersAddressAndTheInternalKey()
    {
        var api = new RecordingApi();
        await using var services = Services(api, "the-internal-key");
        await using var circuit = services.CreateAsyncScope();
        circuit.ServiceProvider.GetRequiredService<DashboardUser>().Address = "203.0.113.7";

        await circuit.ServiceProvider.GetRequiredService<DashboardApiClient>().GetOverviewAsync();

        var request = Assert.Single(api.Requests);
        Assert.Equal("203.0.113.7", request.Headers.GetValues(DashboardUserHandler.AddressHeader).Single());
        Assert.Equal("the-internal-key", request.Headers.GetValues(DashboardUserHandler.KeyHeader).Single());
    }

    [Fact]
    public async Task EachCircuitSendsItsOwnUser()
    {
        var api = new RecordingApi();
        await using var services = Services(api, "the-internal-key");
        foreach (var address in new[] { "203.0.113.1", "203.0.113.2" })
        {
            await using var circuit = services.CreateAsyncScope();
            circuit.ServiceProvider.GetRequiredService<DashboardUser>().Address = address;
            await circuit.ServiceProvider.GetRequiredService<DashboardApiClient>().GetModelAsync();
        }

        Assert.Equal(["203.0.113.1", "203.0.113.2"], api.Requests.Select(r => r.Headers.GetValues(DashboardUserHandler.AddressHeader).Single()));
    }

    [Fact]
    public async Task APlainRequestSendsItsOwnConnectionsAddress()
    {
        var api = new RecordingApi();
        await using var services = Services(api, "the-internal-key");
        await using var request = services.CreateAsyncScope();
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse("198.51.100.4");
        request.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext = context;

        await request.ServiceProvider.GetRequiredService<DashboardApiClient>().GetClustersAsync();

        Assert.Equal("198.51.100.4", Assert.Single(api.Requests).Headers.GetValues(DashboardUserHandler.AddressHeader).Single());
    }

    [Fact]
    public async Task WithoutAnInternalKeyNoAddressIsSent()
    {
        var api = new RecordingApi();
        await using var services = Services(api, internalKey: null);
        await using var circuit = services.CreateAsyncScope();
        circuit.ServiceProvider.GetRequiredService<DashboardUser>().Address = "203.0.113.7";

        await circuit.ServiceProvider.GetRequiredService<DashboardApiClient>().GetOverviewAsync();

        var request = Assert.Single(api.Requests);
        Assert.False(request.Headers.Contains(DashboardUserHandler.AddressHeader));
        Assert.False(request.Headers.Contains(DashboardUserHandler.KeyHeader));
    }

    [Fact]
    public async Task ATooManyRequestsAnswerKeepsWhenToTryAgain()
    {
        var answer = new HttpResponseMessage(HttpStatusCode.TooManyRequests)
        {
            Content = new StringContent("""{"status":429,"title":"Too many requests"}""", Encoding.UTF8, "application/problem+json"),
        };
        answer.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
        await using var services = Services(new RecordingApi(answer), "the-internal-key");
        await using var circuit = services.CreateAsyncScope();

        var result = await circuit.ServiceProvider.GetRequiredService<DashboardApiClient>().PredictMajorAsync("Song", "Artist");

        Assert.Equal(429, result.Problem!.Status);
        Assert.Equal("Too many requests", result.Problem.Title);
        Assert.Equal("Try again in 7 s.", result.Problem.Detail);
    }
}
