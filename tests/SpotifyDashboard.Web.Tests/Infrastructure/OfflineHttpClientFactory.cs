namespace SpotifyDashboard.Web.Tests.Infrastructure;

/// <summary>
/// Clients that never connect: for services such as <c>ApiEventStream</c> that need a factory to exist but are not
/// started in component tests. A request through them fails the way an unreachable server does.
/// </summary>
public sealed class OfflineHttpClientFactory : IHttpClientFactory
{
    public HttpClient CreateClient(string name) => new(new Unreachable()) { BaseAddress = new("http://api") };

    private sealed class Unreachable : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromException<HttpResponseMessage>(new HttpRequestException($"Offline in tests: {request.RequestUri}"));
    }
}
