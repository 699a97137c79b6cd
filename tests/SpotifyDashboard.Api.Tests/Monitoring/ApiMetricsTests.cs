using OpenTelemetry;
using OpenTelemetry.Trace;
using SpotifyDashboard.Api.Tests.Limits;

namespace SpotifyDashboard.Api.Tests.Monitoring;

/// <summary>
/// The api's own metrics as a scraper reads them from the api's <c>/metrics</c>, after real requests. Alone: OpenTelemetry
/// listens to meters by name, so a scrape would also count what other test hosts in this process measure meanwhile.
/// </summary>
[Collection(MetricsCollection.Name)]
public class ApiMetricsTests(GarnetServerFixture garnet) : IClassFixture<GarnetServerFixture>
{
    private static readonly Dictionary<string, string> NamedApi = new() { ["OTEL_SERVICE_NAME"] = "api-under-test" };

    /// <summary>A cache nobody listens on: every read of the store fails at once.</summary>
    private const string DeadCache = "127.0.0.1:1,abortConnect=false,connectTimeout=100,asyncTimeout=300,syncTimeout=300";

    [Fact]
    public async Task ResponseTimeIsPerRouteTemplateMethodAndStatusNeverTheRawPath()
    {
        await using var factory = await LimitsApiFactory.StartAsync(garnet, NamedApi);
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/responses/raw-id-4711")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/status")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/no-such-thing/raw-path-4712")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);

        var samples = await Scrapes.ScrapeUntilAsync(client, s => s.Any(x => x.Name == "api_response_time_seconds_count"));

        var counts = samples.Where(s => s.Name == "api_response_time_seconds_count").ToList();
        Assert.Equal(1, counts.Single(s => s["endpoint"] == "/api/responses/{id}" && s["method"] == "GET" && s["status_code"] == "404").Value);
        Assert.Equal(1, counts.Single(s => s["endpoint"] == "/api/status" && s["status_code"] == "200").Value);
        Assert.Equal(1, counts.Single(s => s["endpoint"] == "unmatched" && s["status_code"] == "404").Value);
        Assert.Contains(samples, s => s.Name == "api_response_time_seconds_bucket" && s["endpoint"] == "/api/status" && s["le"] == "+Inf");
        // Buckets in seconds: a fast answer lands in a small bucket, not only in the default "5" (five seconds).
        var statusBuckets = samples.Where(s => s.Name == "api_response_time_seconds_bucket" && s["endpoint"] == "/api/status").ToList();
        Assert.Contains(statusBuckets, s => s["le"] == "0.001");
        Assert.Equal(1, statusBuckets.Single(s => s["le"] == "1").Value);
        Assert.DoesNotContain(counts, s => s["endpoint"]!.StartsWith("/health", StringComparison.Ordinal) || s["endpoint"] == "/metrics");
        Assert.DoesNotContain(samples, s => s.Labels.Values.Any(v => v.Contains("4711", StringComparison.Ordinal) || v.Contains("4712", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ActiveSessionsCountsOpenEventStreamsAndGoesBackDownWhenOneLeaves()
    {
        await using var factory = await LimitsApiFactory.StartAsync(garnet, NamedApi);
        var client = factory.CreateClient();
        var open = await client.GetAsync("/api/events", HttpCompletionOption.ResponseHeadersRead);
        var stream = await open.Content.ReadAsStreamAsync();

        await Scrapes.ScrapeUntilAsync(client, s => s.Any(x => x.Name == "active_sessions" && x["kind"] == "event_stream" && x.Value == 1));

        await stream.DisposeAsync();
        open.Dispose();
        await Scrapes.ScrapeUntilAsync(client, s => s.Any(x => x.Name == "active_sessions" && x["kind"] == "event_stream" && x.Value == 0));
    }

    [Fact]
    public async Task ErrorRateIsTheShareOfServerErrorsAmongTheRequestsServedAndNamesTheService()
    {
        // The store cannot answer: /api/status fails with a 500 from the exception handler; the OpenAPI document needs no store.
        await using var factory = new AnalysisApiFactory(DeadCache, SurveySourceKind.Csv, settings: NamedApi);
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.InternalServerError, (await client.GetAsync("/api/status")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/openapi/v1.json")).StatusCode);

        var samples = await Scrapes.ScrapeUntilAsync(client, s => s.Any(x => x.Name == "error_rate"));

        var rate = samples.Single(s => s.Name == "error_rate");
        Assert.Equal("api-under-test", rate["service"]);
        Assert.Equal(0.25, rate.Value, precision: 10);
        // The exception handler cleared the endpoint before it answered; the failure still has its route.
        Assert.Contains(samples, s => s.Name == "api_response_time_seconds_count" && s["endpoint"] == "/api/status" && s["status_code"] == "500");
    }

    [Fact]
    public async Task CacheHitRateReportsTheApisInMemoryTiersBetweenZeroAndOne()
    {
        await using var factory = await LimitsApiFactory.StartAsync(garnet, NamedApi);
        var client = factory.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/data")).StatusCode);
        }

        var samples = await Scrapes.ScrapeUntilAsync(client, s => s.Count(x => x.Name == "cache_hit_rate") >= 2);

        var tiers = samples.Where(s => s.Name == "cache_hit_rate").ToDictionary(s => s["tier"]!, s => s.Value);
        Assert.InRange(tiers["api_snapshot"], 0, 1);
        Assert.InRange(tiers["api_class_data"], 0, 1);
        // Three requests: whatever the first had to load, the later two were served from memory.
        Assert.True(tiers["api_class_data"] >= 2.0 / 3, $"api_class_data hit rate {tiers["api_class_data"]}");
    }

    [Fact]
    public async Task TheTelemetryResourceCarriesTheVersionBesideTheServiceNameAspireSets()
    {
        await using var factory = await LimitsApiFactory.StartAsync(garnet, new(NamedApi) { ["OTEL_RESOURCE_ATTRIBUTES"] = "service.instance.id=replica-7" });

        var resource = factory.Services.GetRequiredService<TracerProvider>().GetResource();

        var attributes = resource.Attributes.ToDictionary(a => a.Key, a => a.Value);
        Assert.Equal("api-under-test", attributes["service.name"]);
        Assert.Equal("replica-7", attributes["service.instance.id"]);
        Assert.Equal(Scrapes.ApiVersion, attributes["service.version"]);
        // Prometheus gets the resource as target_info.
        var samples = await Scrapes.ScrapeAsync(factory.CreateClient());
        Assert.Equal(Scrapes.ApiVersion, samples.Single(s => s.Name == "target_info")["service_version"]);
    }

    [Fact]
    public async Task AVersionTheDeploymentSetsIsKept()
    {
        await using var factory = await LimitsApiFactory.StartAsync(garnet, new(NamedApi) { ["OTEL_RESOURCE_ATTRIBUTES"] = "service.version=9.9.9-deployed" });

        var resource = factory.Services.GetRequiredService<TracerProvider>().GetResource();

        Assert.Equal("9.9.9-deployed", resource.Attributes.Single(a => a.Key == "service.version").Value);
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "metrics scraped alone";
}
