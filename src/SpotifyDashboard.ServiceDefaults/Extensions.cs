using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using SpotifyDashboard.ServiceDefaults.Http;
using SpotifyDashboard.ServiceDefaults.Memory;
using SpotifyDashboard.ServiceDefaults.Telemetry;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every SpotifyDashboard service shares: telemetry to the Aspire dashboard, a Prometheus
/// scrape endpoint, health endpoints, service discovery and resilient HTTP clients that say who is calling.
/// </summary>
public static class ServiceDefaultsExtensions
{
    private const string HealthEndpointPath = "/health";
    private const string AlivenessEndpointPath = "/alive";
    private const string MetricsEndpointPath = "/metrics";

    /// <summary>Meters and activity sources of our own code, so they reach the exporters.</summary>
    public const string TelemetryPrefix = "SpotifyDashboard.";

    /// <summary>
    /// Series per metric. The SDK's default, 2,000, is an array of that many points made for every metric of every
    /// exporter (≈ 7 MB a service), and a compacting collection copies it into resident memory. Ours carry a few
    /// dozen (routes × status codes at most); beyond the limit the SDK adds to one overflow series, it drops nothing.
    /// </summary>
    public const int MetricCardinalityLimit = 200;

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddLogLevelDefaults();
        builder.AddConsoleLogFormat();
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.AddServiceMetrics();
        builder.AddHeapTrimming();

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        builder.Services.AddProductUserAgent();

        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddHttpContextAccessor();
        builder.Services.AddOptions<ReadTraceOptions>()
            .Bind(builder.Configuration.GetSection(ReadTraceOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddServiceVersion(builder))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(TelemetryPrefix + "*")
                .AddView(_ => new MetricStreamConfiguration { CardinalityLimit = MetricCardinalityLimit })
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                // A trace of every read costs more than the read itself once an exporter sends it (docs/benchmarks/reads.md).
                .SetSampler(services => new ReadTraceSampler(
                    services.GetRequiredService<IOptions<ReadTraceOptions>>().Value.SampleRatio,
                    services.GetRequiredService<Microsoft.AspNetCore.Http.IHttpContextAccessor>()))
                .AddProcessor(services => new SlowOrFailedReadKeeper(services.GetRequiredService<IOptions<ReadTraceOptions>>().Value.KeepSlowerThan))
                .AddSource(builder.Environment.ApplicationName)
                .AddSource(TelemetryPrefix + "*")
                .AddAspNetCoreInstrumentation(options =>
                    // Health probes and scrapes would drown the traces people look for.
                    options.Filter = context =>
                        !context.Request.Path.StartsWithSegments(HealthEndpointPath)
                        && !context.Request.Path.StartsWithSegments(AlivenessEndpointPath)
                        && !context.Request.Path.StartsWithSegments(MetricsEndpointPath))
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        return builder;
    }

    /// <summary>
    /// <c>/health</c> (ready: every check, the cache included), <c>/alive</c> (the process
    /// answers) and <c>/metrics</c> (Prometheus text format).
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(HealthEndpointPath);
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("live"),
        });
        app.MapPrometheusScrapingEndpoint(MetricsEndpointPath);
        return app;
    }
}
