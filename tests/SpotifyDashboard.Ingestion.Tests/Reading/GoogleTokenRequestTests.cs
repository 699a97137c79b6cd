using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SpotifyDashboard.Core.Configuration;
using SpotifyDashboard.Ingestion;
using SpotifyDashboard.Ingestion.Reading;
using SpotifyDashboard.Ingestion.Tests.Infrastructure;

namespace SpotifyDashboard.Ingestion.Tests.Reading;

/// <summary>
/// Google's token requests go through the app's HTTP client factory, so they carry what the service defaults put on
/// every client (the product's User-Agent first of all), as the Sheets and CSV readers do.
/// </summary>
public sealed class GoogleTokenRequestTests : IDisposable
{
    private readonly FakeGoogle _google = new();

    public void Dispose() => _google.Dispose();

    [Fact]
    public async Task TheTokenRequestPassesThroughTheHandlersEveryClientGets()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(_google.Settings()).Build();
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<SurveyOptions>().Bind(configuration.GetSection(SurveyOptions.SectionName));
        services.AddSurveyIngestion();
        services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler(() => new StampHandler("Probe/1.0")));
        await using var provider = services.BuildServiceProvider();

        var token = await provider.GetRequiredService<ServiceAccountTokenSource>().GetAccessTokenAsync(CancellationToken.None);

        Assert.Contains(token, _google.Api.AccessTokens);
        var request = Assert.Single(_google.Server.LogEntries, e => e.RequestMessage.Path == "/token").RequestMessage;
        Assert.StartsWith("Probe/1.0", request.Headers!["User-Agent"].ToString(), StringComparison.Ordinal);
    }

    /// <summary>Stands in for the defaults' User-Agent handler: puts its product first.</summary>
    private sealed class StampHandler(string product) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var theirs = request.Headers.UserAgent.ToList();
            request.Headers.UserAgent.Clear();
            request.Headers.UserAgent.ParseAdd(product);
            theirs.ForEach(request.Headers.UserAgent.Add);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
