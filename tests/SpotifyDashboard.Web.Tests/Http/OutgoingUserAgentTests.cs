using SpotifyDashboard.ServiceDefaults.Http;

namespace SpotifyDashboard.Web.Tests.Http;

/// <summary>Every client the web calls out with names the product, its version and its address.</summary>
public sealed class OutgoingUserAgentTests : IDisposable
{
    private readonly WebFactory _web = new();

    public void Dispose() => _web.Dispose();

    [Theory]
    [InlineData(nameof(SpotifyAccountsClient))]
    [InlineData(nameof(SpotifyTopTracks))]
    [InlineData(nameof(DashboardApiClient))]
    [InlineData(nameof(AdminApiClient))]
    [InlineData(ApiEventStream.HttpClientName)]
    public async Task EachClientSendsTheProductsUserAgent(string client)
    {
        var path = $"/user-agent-probe/{client}";
        _web.Api.Returns(path, new { });
        var http = _web.Services.GetRequiredService<IHttpClientFactory>().CreateClient(client);

        using var _ = await http.GetAsync(new Uri("http://upstream.test" + path));

        var userAgent = _web.Api.LastRequestTo(path).Header("User-Agent");
        Assert.Equal($"{ProductUserAgent.ProductName}/{ProductUserAgent.ProductVersion}", userAgent);
        Assert.Equal(
            $"SpotifyDashboard/{ProductUserAgent.ProductVersion} (+{UserAgentOptions.DefaultContactUrl})",
            _web.Services.GetRequiredService<ProductUserAgent>().Value);
    }
}
