using SpotifyDashboard.Api.Limits;

namespace SpotifyDashboard.Api.Tests.Limits;

public class RateLimitTests(GarnetServerFixture garnet) : IClassFixture<GarnetServerFixture>
{
    private static HttpRequestMessage Predict(string remote, string? forwardedUser = null, string? key = null)
    {
        var request = LimitsApiFactory.Request(HttpMethod.Post, "/api/predict-major", remote, JsonContent.Create(new { song = "Real Song", artist = "Real Artist" }));
        if (forwardedUser is not null)
        {
            request.Headers.Add(ClientAddress.ForwardedHeader, forwardedUser);
        }

        if (key is not null)
        {
            request.Headers.Add(ClientAddress.KeyHeader, key);
        }

        return request;
    }

    [Fact]
    public async Task SongLookupsOverTheLimitAreTooManyRequestsWithRetryAfterAndOtherAddressesAreUnaffected()
    {
        await using var factory = await LimitsApiFactory.StartAsync(garnet, new() { ["RateLimits:SongLookupsPerMinute"] = "2" });
        var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Predict("10.0.0.1"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Predict("10.0.0.1"))).StatusCode);
        var limited = await client.SendAsync(Predict("10.0.0.1"));

        var problem = await ProblemAssert.IsProblemAsync(limited, HttpStatusCode.TooManyRequests, "Too many requests");
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Contains("Try again in", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Predict("10.0.0.2"))).StatusCode);
    }

    [Fact]
    public async Task TheWebsForwardedUserIsItsOwnPartitionOnlyWithTheInternalKey()
    {
        await using var factory = await LimitsApiFactory.StartAsync(garnet, new() { ["RateLimits:SongLookupsPerMinute"] = "2" });
        var client = factory.CreateClient();
        const string web = "10.0.0.9";

        // Two users behind the web, each with the full allowance.
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Predict(web, "203.0.113.1", LimitsApiFactory.InternalKey))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Predict(web, "203.0.113.1", LimitsApiFactory.InternalKey))).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.SendAsync(Predict(web, "203.0.113.1", LimitsApiFactory.InternalKey))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Predict(web, "203.0.113.2", LimitsApiFactory.InternalKey))).StatusCode);

        // A forged header (no key, or a wrong one) counts against the sender's own address, whatever user it names.
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Predict("10.0.0.66", "198.51.100.1"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Predict("10.0.0.66", "198.51.100.2", "wrong-key"))).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.SendAsync(Predict("10.0.0.66", "198.51.100.3"))).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.SendAsync(Predict("10.0.0.66", "198.51.100.4", "wrong-key"))).StatusCode);
    }

    [Fact]
    public async Task ADashboardsReadsInNormalUseAreNeverLimited()
    {
        await using var factory = await LimitsApiFactory.StartAsync(garnet);
        var client = factory.CreateClient();
        string[] pages = ["/api/overview", "/api/clusters", "/api/model", "/api/status", "/api/responses?limit=50", "/api/data?limit=25"];

        // Far more than one person's dashboard does in a minute: every page loaded, then refreshed by 25 live events.
        var statuses = new List<HttpStatusCode>();
        for (var refresh = 0; refresh < 26; refresh++)
        {
            foreach (var page in pages)
            {
                statuses.Add((await client.SendAsync(LimitsApiFactory.Request(HttpMethod.Get, page, "10.0.0.1"))).StatusCode);
            }
        }

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses);
    }

    [Fact]
    public async Task ReadsBeyondTheBurstAreTooManyRequests()
    {
        await using var factory = await LimitsApiFactory.StartAsync(garnet, new() { ["RateLimits:ReadBurst"] = "5", ["RateLimits:ReadsPerMinute"] = "6" });
        var client = factory.CreateClient();

        // A computed read (it reads the store and pages on the request); prepared reads are capped by concurrency instead.
        for (var i = 0; i < 5; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await client.SendAsync(LimitsApiFactory.Request(HttpMethod.Get, "/api/quarantine", "10.0.0.1"))).StatusCode);
        }

        var limited = await client.SendAsync(LimitsApiFactory.Request(HttpMethod.Get, "/api/quarantine", "10.0.0.1"));
        await ProblemAssert.IsProblemAsync(limited, HttpStatusCode.TooManyRequests, "Too many requests");
        Assert.True(limited.Headers.Contains("Retry-After"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task RepeatedFailedAdminKeysAreThrottledEvenWhenTheRightKeyFollows()
    {
        await using var factory = await LimitsApiFactory.StartAsync(garnet, new()
        {
            ["RateLimits:AdminFailuresPerMinute"] = "2",
            ["Enrichment:AdminKey"] = "rate-limit-admin-key-7Qx",
        });
        var client = factory.CreateClient();
        HttpRequestMessage Override(string remote, string key)
        {
            var request = LimitsApiFactory.Request(HttpMethod.Post, "/api/overrides", remote, JsonContent.Create(new { song = "Some Song", artist = "Someone", trackId = "4uLU6hMCjMI75M1A2tKUQC" }));
            request.Headers.Add("X-Admin-Key", key);
            return request;
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(Override("10.0.0.5", "guess-1"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(Override("10.0.0.5", "guess-2"))).StatusCode);
        var throttled = await client.SendAsync(Override("10.0.0.5", "rate-limit-admin-key-7Qx"));

        await ProblemAssert.IsProblemAsync(throttled, HttpStatusCode.TooManyRequests, "Too many requests");
        Assert.True(throttled.Headers.Contains("Retry-After"));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await client.SendAsync(Override("10.0.0.6", "rate-limit-admin-key-7Qx"))).StatusCode);
    }
}
