using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace SpotifyDashboard.ServiceDefaults.Tests.Telemetry;

/// <summary>The services' metrics keep at most <see cref="ServiceDefaultsExtensions.MetricCardinalityLimit"/> series each, and lose no measurement beyond it.</summary>
public sealed class MetricCardinalityTests
{
    [Fact]
    public void SeriesBeyondTheLimitAreAddedToTheOverflowSeriesNotDropped()
    {
        var meterName = ServiceDefaultsExtensions.TelemetryPrefix + "Tests.Cardinality." + Guid.NewGuid().ToString("N");
        var exporter = new CollectingExporter();
        // Its own reader, collected on demand: the Prometheus reader of the defaults answers only scrapes.
        using var reader = new BaseExportingMetricReader(exporter);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.AddServiceDefaults();
        builder.Services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddReader(reader));
        using var app = builder.Build();
        _ = app.Services.GetRequiredService<MeterProvider>();
        using var meter = new Meter(meterName);
        var counter = meter.CreateCounter<long>("tests.songs");
        var distinct = ServiceDefaultsExtensions.MetricCardinalityLimit + 100;

        for (var i = 0; i < distinct; i++)
        {
            counter.Add(1, new KeyValuePair<string, object?>("song", $"song {i}"));
        }

        Assert.True(reader.Collect(10_000));
        var points = exporter.Points("tests.songs");
        Assert.Equal(ServiceDefaultsExtensions.MetricCardinalityLimit, points.Count(p => !p.Overflow));
        Assert.Single(points, p => p.Overflow);
        Assert.Equal(distinct, points.Sum(p => p.Sum));
    }

    private sealed record Point(bool Overflow, long Sum);

    private sealed class CollectingExporter : BaseExporter<Metric>
    {
        private readonly Dictionary<string, List<Point>> _points = new(StringComparer.Ordinal);

        public IReadOnlyList<Point> Points(string metric)
        {
            lock (_points)
            {
                return _points.TryGetValue(metric, out var points) ? [.. points] : [];
            }
        }

        public override ExportResult Export(in Batch<Metric> batch)
        {
            lock (_points)
            {
                // Only counters of longs: the services' own metrics in the batch are of every kind.
                foreach (var metric in batch)
                {
                    if (metric.MetricType != MetricType.LongSum)
                    {
                        continue;
                    }

                    var points = new List<Point>();
                    foreach (ref readonly var point in metric.GetMetricPoints())
                    {
                        var overflow = false;
                        foreach (var tag in point.Tags)
                        {
                            overflow |= tag.Key == "otel.metric.overflow";
                        }

                        points.Add(new Point(overflow, point.GetSumLong()));
                    }

                    _points[metric.Name] = points;
                }
            }

            return ExportResult.Success;
        }
    }
}
