using System.Diagnostics.Metrics;
using System.Text.Json;
using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Enrichment.Providers;
using SpotifyDashboard.Enrichment.Telemetry;
using SpotifyDashboard.Enrichment.Tests.Infrastructure;
using SpotifyDashboard.Core.Contracts;

namespace SpotifyDashboard.Enrichment.Tests.Providers;

public class TelemetryAndStatusTests
{
    [Fact]
    public async Task UpstreamRequestsRetriesAndCacheUseAreMeasured()
    {
        using var fakes = new UpstreamFakes();
        fakes.FailOnce(UpstreamFakes.SearchPath, 503, ("Retry-After", "0"));
        await using var host = new EnrichmentHost(fakes);
        var factory = host.Get<IMeterFactory>();
        var totals = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // Only this host's meter: other tests run in parallel with meters of their own.
            if (instrument.Meter.Name == EnrichmentTelemetry.Name && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var key = instrument.Name;
            foreach (var tag in tags)
            {
                key += $"|{tag.Key}={tag.Value}";
            }

            lock (totals)
            {
                totals[key] = totals.GetValueOrDefault(key) + value;
            }
        });
        listener.Start();
        var response = EnrichmentHost.Pending(EnrichmentHost.UniqueSong("Measured"), "Artist");

        await host.Enricher.EnrichAsync([response]);
        await host.Enricher.EnrichAsync([response]);

        Assert.Equal(1, totals.GetValueOrDefault("enrichment.upstream.requests|provider=spotify|status=503"));
        Assert.Equal(1, totals.GetValueOrDefault("enrichment.upstream.requests|provider=spotify|status=200"));
        Assert.Equal(1, totals.GetValueOrDefault("enrichment.upstream.requests|provider=reccobeats|status=200"));
        Assert.Equal(1, totals.GetValueOrDefault("enrichment.upstream.retries|provider=spotify"));
        Assert.Equal(1, totals.GetValueOrDefault("enrichment.cache.misses"));
        Assert.Equal(1, totals.GetValueOrDefault("enrichment.cache.hits"));
    }

    [Fact]
    public void ProviderStatesAreWrittenAsTheApiShowsThem()
    {
        var status = new ProviderStatus("spotify", ProviderState.BreakerOpen, DateTimeOffset.UnixEpoch, "HTTP 500", null);

        var json = JsonSerializer.Serialize(status, DashboardJson.Options);

        Assert.Contains("\"state\":\"breaker-open\"", json);
        Assert.Contains("\"until\":", json);
        Assert.Contains("\"lastError\":\"HTTP 500\"", json);
    }

    [Fact]
    public void ACoolDownIsOverOnceItsTimeHasPassed()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var registry = new ProviderStatusRegistry(time);
        registry.EnterCoolDown("spotify", time.GetUtcNow().AddHours(13), "429 with Retry-After 46800 s");

        Assert.True(registry.IsCoolingDown("spotify", out var until));
        Assert.Equal(time.GetUtcNow().AddHours(13), until);

        time.Advance(TimeSpan.FromHours(13));

        Assert.False(registry.IsCoolingDown("spotify", out _));
        Assert.Equal(ProviderState.Ok, registry.Get("spotify").State);
        Assert.Equal("429 with Retry-After 46800 s", registry.Get("spotify").LastError);
    }
}
