using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Resources;
using SpotifyDashboard.Core.Telemetry;

namespace SpotifyDashboard.ServiceDefaults.Telemetry;

/// <summary>The app's own metrics and the version, as every service gets them from <c>AddServiceDefaults</c>.</summary>
public static class ServiceTelemetryExtensions
{
    private const string ServiceVersionAttribute = "service.version";

    /// <summary>
    /// <see cref="ServiceIdentity"/>, the shared instruments (<c>error_rate</c>, <c>api_response_time</c>,
    /// <c>data_processing_time</c>, <c>cache_hit_rate</c>) and the middleware that times requests, put first in the
    /// pipeline so that what the limits, the sign-in and the exception handler answer is timed and counted too.
    /// </summary>
    public static TBuilder AddServiceMetrics<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var services = builder.Services;
        services.TryAddSingleton(ServiceIdentity.For(builder));
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<PipelineTelemetry>();
        services.TryAddSingleton<CacheHitTelemetry>();
        services.TryAddSingleton<ErrorRateTelemetry>();
        services.TryAddSingleton<RequestTelemetry>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupFilter, RequestTelemetryFirst>());
        return builder;
    }

    /// <summary>
    /// Adds <c>service.version</c> beside the service name Aspire sets (<c>OTEL_SERVICE_NAME</c>,
    /// <c>OTEL_RESOURCE_ATTRIBUTES</c>), which stay as they are. A deployment that sets <c>service.version</c> in
    /// <c>OTEL_RESOURCE_ATTRIBUTES</c> keeps its own.
    /// </summary>
    public static ResourceBuilder AddServiceVersion(this ResourceBuilder resource, IHostApplicationBuilder builder)
    {
        var fromEnvironment = (builder.Configuration["OTEL_RESOURCE_ATTRIBUTES"] ?? "")
            .Split(',')
            .Any(pair => pair.Split('=')[0].Trim() == ServiceVersionAttribute);
        return fromEnvironment
            ? resource
            : resource.AddAttributes([new KeyValuePair<string, object>(ServiceVersionAttribute, ServiceIdentity.For(builder).Version)]);
    }

    private sealed class RequestTelemetryFirst : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseMiddleware<RequestTelemetryMiddleware>();
            next(app);
        };
    }
}
