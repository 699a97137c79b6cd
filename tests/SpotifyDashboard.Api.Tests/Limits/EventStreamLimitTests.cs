using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using SpotifyDashboard.Api.Events;
using SpotifyDashboard.Api.Limits;
using static SpotifyDashboard.Api.Tests.EventStreamLines;

namespace SpotifyDashboard.Api.Tests.Limits;

public class EventStreamLimitTests(GarnetServerFixture garnet) : IClassFixture<GarnetServerFixture>
{
    private static async Task<StreamReader> OpenAsync(HttpClient client, string remote = "10.0.0.1")
    {
        var response = await client.SendAsync(LimitsApiFactory.Request(HttpMethod.Get, "/api/events", remote), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal("event: connected", await NextLineAsync(reader));
        return reader;
    }

    private Task PublishAsync(string message) =>
        garnet.Redis.GetSubscriber().PublishAsync(RedisChannel.Literal(RedisKeys.EventsChannel), message);

    private static string Event(string type) =>
        JsonSerializer.Serialize(new StoreEvent(type, "csv", "r1", DateTimeOffset.UtcNow), DashboardJson.Options);

    [Fact]
    public async Task StreamsBeyondTheCapAreServiceUnavailable()
    {
        await using var factory = await LimitsApiFactory.StartAsync(garnet, new() { ["RateLimits:EventConnections"] = "2" });
        var client = factory.CreateClient();
        using var first = await OpenAsync(client);
        using var second = await OpenAsync(client, "10.0.0.2");

        var third = await client.SendAsync(LimitsApiFactory.Request(HttpMethod.Get, "/api/events", "10.0.0.3"), HttpCompletionOption.ResponseHeadersRead);

        await ProblemAssert.IsProblemAsync(third, HttpStatusCode.ServiceUnavailable, "Too many event streams");
        Assert.True(third.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task AQuietStreamGetsAHeartbeatComment()
    {
        await using var factory = await LimitsApiFactory.StartAsync(garnet, new() { ["RateLimits:EventHeartbeat"] = "00:00:00.200" });
        using var stream = await OpenAsync(factory.CreateClient());
        await NextLineAsync(stream); // the connected event's data

        Assert.Equal(": ping", await NextLineAsync(stream));
    }

    [Fact]
    public async Task ManyStreamsShareOneSubscriptionAndAllGetEachEvent()
    {
        CountingRedis? counter = null;
        await using var factory = await LimitsApiFactory.StartAsync(garnet, configureServices: services =>
        {
            services.RemoveAll<EventBroadcast>();
            services.AddSingleton(sp =>
            {
                var (redis, counting) = CountingRedis.Wrap(sp.GetRequiredService<IConnectionMultiplexer>());
                counter = counting;
                return new EventBroadcast(redis, sp.GetRequiredService<IOptions<AnonymousLimitsOptions>>(), sp.GetRequiredService<ApiTelemetry>(), TimeProvider.System, sp.GetRequiredService<ILogger<EventBroadcast>>());
            });
        });
        var client = factory.CreateClient();
        var streams = new List<StreamReader>();
        for (var i = 0; i < 8; i++)
        {
            streams.Add(await OpenAsync(client, $"10.0.1.{i}"));
        }

        await PublishAsync(Event("response-added"));

        foreach (var stream in streams)
        {
            Assert.Equal("response-added", await NextEventAsync(stream));
            stream.Dispose();
        }

        Assert.Equal(1, counter!.Subscriptions);
    }

    [Fact]
    public async Task AMalformedEventIsSkippedAndCountedAndTheNextGoodOneArrives()
    {
        await using var factory = await LimitsApiFactory.StartAsync(garnet);
        long malformed = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ApiTelemetry.Name && instrument.Name == "api.events.malformed")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref malformed, value));
        listener.Start();
        using var stream = await OpenAsync(factory.CreateClient());

        await PublishAsync("{ not json");
        await PublishAsync("""{"type":"evil\nevent: forged","source":"csv","at":"2026-01-01T00:00:00Z"}""");
        await PublishAsync(Event("snapshot-updated"));

        Assert.Equal("snapshot-updated", await NextEventAsync(stream));
        Assert.Equal(2, Interlocked.Read(ref malformed));
    }
}
