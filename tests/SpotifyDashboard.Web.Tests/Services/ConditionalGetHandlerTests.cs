using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace SpotifyDashboard.Web.Tests.Services;

/// <summary>The api client as Program.cs registers it, over an api that answers 304 to the ETag of its current answer.</summary>
public class ConditionalGetHandlerTests
{
    /// <summary>Like the api's prepared reads: one body per version, its strong ETag, 304 when asked with it.</summary>
    private sealed class VersionedApi : HttpMessageHandler
    {
        public string Body { get; set; } = """{"k":3}""";

        public bool SendETag { get; set; } = true;

        public List<(string Path, string? IfNoneMatch, HttpStatusCode Answer)> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var etag = new EntityTagHeaderValue($"\"v-{Body.GetHashCode(StringComparison.Ordinal):x}\"");
            var asked = request.Headers.IfNoneMatch.FirstOrDefault();
            HttpResponseMessage answer = SendETag && asked?.Tag == etag.Tag
                ? new(HttpStatusCode.NotModified)
                : new(HttpStatusCode.OK) { Content = new StringContent(Body, Encoding.UTF8, "application/json") };
            if (SendETag)
            {
                answer.Headers.ETag = etag;
            }

            Requests.Add((request.RequestUri!.PathAndQuery, asked?.Tag, answer.StatusCode));
            return Task.FromResult(answer);
        }
    }

    private static (HttpClient Client, ServiceProvider Services) Client(VersionedApi api)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddDashboardApiClient();
        services.AddHttpClient<DashboardApiClient>(client => client.BaseAddress = new("http://api"))
            .ConfigurePrimaryHttpMessageHandler(() => api);
        var provider = services.BuildServiceProvider();
        return (provider.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(DashboardApiClient)), provider);
    }

    [Fact]
    public async Task AnUnchangedAnswerComesBackAs304AndThePageStillGetsItsBody()
    {
        var api = new VersionedApi();
        var (client, services) = Client(api);
        using var _ = services;

        var first = await client.GetAsync("/api/clusters");
        var second = await client.GetAsync("/api/clusters");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal("application/json", second.Content.Headers.ContentType?.MediaType);
        Assert.Null(api.Requests[0].IfNoneMatch);
        Assert.Equal(first.Headers.ETag?.Tag, api.Requests[1].IfNoneMatch);
        Assert.Equal(HttpStatusCode.NotModified, api.Requests[1].Answer);
    }

    [Fact]
    public async Task ANewVersionReplacesTheKeptAnswer()
    {
        var api = new VersionedApi();
        var (client, services) = Client(api);
        using var _ = services;
        await client.GetStringAsync("/api/clusters");

        api.Body = """{"k":4}""";
        var changed = await client.GetStringAsync("/api/clusters");
        var again = await client.GetStringAsync("/api/clusters");

        Assert.Equal("""{"k":4}""", changed);
        Assert.Equal("""{"k":4}""", again);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.NotModified], api.Requests.Select(r => r.Answer));
    }

    [Fact]
    public async Task EachAddressHasItsOwnAnswer()
    {
        var api = new VersionedApi();
        var (client, services) = Client(api);
        using var _ = services;
        await client.GetStringAsync("/api/responses?limit=50&offset=0");

        await client.GetStringAsync("/api/responses?limit=50&offset=50");

        Assert.All(api.Requests, r => Assert.Null(r.IfNoneMatch));
    }

    [Fact]
    public void TheClientAsksForGzipAndUnpacksIt()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddDashboardApiClient();
        using var provider = services.BuildServiceProvider();

        HttpMessageHandler? handler = provider.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(nameof(DashboardApiClient));
        while (handler is DelegatingHandler delegating)
        {
            handler = delegating.InnerHandler;
        }

        var decompression = handler switch
        {
            SocketsHttpHandler sockets => sockets.AutomaticDecompression,
            HttpClientHandler client => client.AutomaticDecompression,
            _ => throw new Xunit.Sdk.XunitException($"Unexpected primary handler {handler?.GetType()}"),
        };
        Assert.True(decompression.HasFlag(DecompressionMethods.GZip));
    }

    [Fact]
    public async Task AnswersWithoutAnETagAreNotKept()
    {
        var api = new VersionedApi { SendETag = false };
        var (client, services) = Client(api);
        using var _ = services;

        await client.GetStringAsync("/api/status");
        await client.GetStringAsync("/api/status");

        Assert.All(api.Requests, r => Assert.Null(r.IfNoneMatch));
    }
}
