using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;

namespace SpotifyDashboard.Api.Tests.Limits;

/// <summary>Reads served from prepared bytes are capped by how many of one user's run at once, not by a rate.</summary>
public class PreparedReadLimitTests(GarnetServerFixture garnet) : IClassFixture<GarnetServerFixture>
{
    private static readonly string[] PreparedPaths = ["/api/status", "/api/clusters", "/api/model", "/api/overview", "/api/responses?limit=50"];

    [Fact]
    public async Task PreparedReadsFarBeyondTheReadBucketAreAnsweredWhileComputedReadsOfTheSameUserAreStillLimited()
    {
        await using var factory = await LimitsApiFactory.StartAsync(garnet, new() { ["RateLimits:ReadBurst"] = "5", ["RateLimits:ReadsPerMinute"] = "6" });
        var client = factory.CreateClient();

        var prepared = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            foreach (var path in PreparedPaths)
            {
                prepared.Add((await client.SendAsync(LimitsApiFactory.Request(HttpMethod.Get, path, "10.0.0.1"))).StatusCode);
            }
        }

        var computed = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            computed.Add((await client.SendAsync(LimitsApiFactory.Request(HttpMethod.Get, "/api/quarantine", "10.0.0.1"))).StatusCode);
        }

        Assert.All(prepared, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, computed.Take(5));
        Assert.Equal(HttpStatusCode.TooManyRequests, computed[5]);
    }

    [Fact]
    public async Task OneUsersPreparedReadsBeyondTheConcurrencyAndQueueAreRefusedUntilOneEnds()
    {
        await using var factory = await LimitsApiFactory.StartAsync(garnet, new()
        {
            ["RateLimits:PreparedReadConcurrency"] = "2",
            ["RateLimits:PreparedReadQueue"] = "0",
        });
        factory.CreateClient().Dispose();
        var limiter = factory.Services.GetRequiredService<IOptions<RateLimiterOptions>>().Value.GlobalLimiter!;
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        HttpContext Request(string pattern, string address)
        {
            var context = new DefaultHttpContext { RequestServices = factory.Services };
            context.Request.Path = pattern;
            context.Connection.RemoteIpAddress = IPAddress.Parse(address);
            context.SetEndpoint(endpoints.Single(e => e.RoutePattern.RawText?.TrimEnd('/') == pattern && e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("GET") == true));
            return context;
        }

        // Leases held, as requests in flight hold them until they are answered.
        using var first = limiter.AttemptAcquire(Request("/api/status", "10.0.0.1"));
        var second = limiter.AttemptAcquire(Request("/api/clusters", "10.0.0.1"));
        using var third = limiter.AttemptAcquire(Request("/api/model", "10.0.0.1"));
        using var otherUser = limiter.AttemptAcquire(Request("/api/model", "10.0.0.2"));
        using var computed = limiter.AttemptAcquire(Request("/api/quarantine", "10.0.0.1"));
        second.Dispose();
        using var afterOneEnded = limiter.AttemptAcquire(Request("/api/model", "10.0.0.1"));

        Assert.True(first.IsAcquired);
        Assert.False(third.IsAcquired);
        Assert.True(otherUser.IsAcquired);
        Assert.True(computed.IsAcquired);
        Assert.True(afterOneEnded.IsAcquired);
    }
}
