using Microsoft.Extensions.Time.Testing;
using SpotifyDashboard.Core.Telemetry;
using SpotifyDashboard.ServiceDefaults.Telemetry;

namespace SpotifyDashboard.ServiceDefaults.Tests.Telemetry;

/// <summary>What the <c>error_rate</c> and <c>cache_hit_rate</c> gauges report, over their windows.</summary>
public class RateGaugeTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void ErrorRateIsFailedRequestsAndStageRunsAmongAllOfTheLastMinute()
    {
        using var meters = new TestMeterFactory();
        var pipeline = new PipelineTelemetry(meters, _time);
        var errors = new ErrorRateTelemetry(meters, _time, pipeline, new ServiceIdentity("worker", "1.0.0"));
        using var gauge = new MeasurementRecorder<double>(meters, ErrorRateTelemetry.MeterName, ErrorRateTelemetry.ErrorRateInstrument);
        Assert.Equal(0, Assert.Single(gauge.Observe()).Value);

        errors.RequestServed(200);
        errors.RequestServed(503);
        using (var ok = pipeline.Start(PipelineStages.Ingest))
        {
            ok.Succeeded();
        }

        using (pipeline.Start(PipelineStages.Analyse))
        {
            // Disposed without Succeeded: the run failed.
        }

        var now = Assert.Single(gauge.Observe());
        Assert.Equal(0.5, now.Value);
        Assert.Equal("worker", now["service"]);

        _time.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(0, Assert.Single(gauge.Observe()).Value);
    }

    [Fact]
    public void CacheHitRateIsPerTierAndATierWithoutLookupsHasNone()
    {
        using var meters = new TestMeterFactory();
        var hits = new CacheHitTelemetry(meters, _time);
        using var gauge = new MeasurementRecorder<double>(meters, CacheHitTelemetry.MeterName, CacheHitTelemetry.HitRateInstrument);

        hits.Lookup(CacheTiers.SongsMemory, hit: true);
        hits.Lookup(CacheTiers.SongsMemory, hit: false);
        hits.Lookup(CacheTiers.SongsMemory, hit: false);
        hits.Lookup(CacheTiers.SongsRedis, hit: true);

        Assert.Equal(1.0 / 3, hits.HitRate(CacheTiers.SongsMemory)!.Value, precision: 10);
        Assert.Equal(1.0, hits.HitRate(CacheTiers.SongsRedis));
        Assert.Null(hits.HitRate(CacheTiers.ApiSnapshot));
        var reported = gauge.Observe().ToDictionary(m => m["tier"]!, m => m.Value);
        Assert.Equal([CacheTiers.SongsMemory, CacheTiers.SongsRedis], reported.Keys.Order());
        Assert.Equal(1.0 / 3, reported[CacheTiers.SongsMemory], precision: 10);

        _time.Advance(CacheHitTelemetry.Window + TimeSpan.FromSeconds(5));
        Assert.Null(hits.HitRate(CacheTiers.SongsMemory));
        Assert.Empty(gauge.Observe());
    }
}
