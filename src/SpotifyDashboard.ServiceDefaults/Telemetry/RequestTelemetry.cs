using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SpotifyDashboard.ServiceDefaults.Telemetry;

/// <summary>
/// Meter <c>SpotifyDashboard.Http</c>: histogram <c>api_response_time</c> (seconds; Prometheus
/// <c>api_response_time_seconds</c>) of every request to <c>/api/...</c>, tagged <c>endpoint</c> (the route template,
/// e.g. <c>/api/responses/{id}</c>: never the raw path, whose ids and user text would leak and explode the series),
/// <c>method</c> and <c>status_code</c>. Every request served, <c>/api</c> or not, also counts towards
/// <see cref="ErrorRateTelemetry"/>. Health probes, liveness and scrapes count nowhere.
/// </summary>
public sealed class RequestTelemetry
{
    public const string MeterName = "SpotifyDashboard.Http";
    public const string ResponseTimeInstrument = "api_response_time";

    /// <summary>The tag of a request to <c>/api</c> that matched no endpoint (404, 405): one series, whatever was asked.</summary>
    public const string UnmatchedEndpoint = "unmatched";

    private static readonly string[] NotCounted = ["/health", "/alive", "/metrics"];

    // Methods are whatever the client sent: anything but the usual ones shares one value, so they cannot add series.
    private static readonly HashSet<string> KnownMethods = new(StringComparer.Ordinal)
    {
        HttpMethods.Get, HttpMethods.Head, HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete, HttpMethods.Options,
    };

    private readonly Histogram<double> _responseTime;
    private readonly ErrorRateTelemetry _errors;

    public RequestTelemetry(IMeterFactory meterFactory, ErrorRateTelemetry errors)
    {
        _errors = errors;
        _responseTime = meterFactory.Create(MeterName).CreateHistogram<double>(
            ResponseTimeInstrument,
            "s",
            "Time to answer a request to /api, by endpoint (route template), method and status code",
            tags: null,
            // In seconds, from 1 ms: the exporter's default buckets (0, 5, 10 … 10000) are for milliseconds and would put
            // every answer into one bucket.
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
    }

    public static bool IsCounted(PathString path) => !NotCounted.Any(prefix => path.StartsWithSegments(prefix));

    public void Served(HttpContext context, TimeSpan elapsed, int statusCode)
    {
        _errors.RequestServed(statusCode);
        // An event stream's "response" lasts as long as the page stays open: it is counted in active_sessions instead.
        if (!context.Request.Path.StartsWithSegments("/api") || context.Response.ContentType == "text/event-stream")
        {
            return;
        }

        _responseTime.Record(
            elapsed.TotalSeconds,
            new KeyValuePair<string, object?>("endpoint", RouteTemplateOf(context) ?? UnmatchedEndpoint),
            new KeyValuePair<string, object?>("method", KnownMethods.Contains(context.Request.Method) ? context.Request.Method : "_OTHER"),
            new KeyValuePair<string, object?>("status_code", statusCode));
    }

    /// <summary>
    /// The template of the endpoint that answered. The exception handler clears the endpoint before it writes its 500,
    /// and keeps the original one in its feature.
    /// </summary>
    private static string? RouteTemplateOf(HttpContext context)
    {
        var endpoint = context.GetEndpoint() ?? context.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
        return (endpoint as RouteEndpoint)?.RoutePattern.RawText;
    }
}

/// <summary>Times every request the service serves and hands it to <see cref="RequestTelemetry"/>; first in the pipeline.</summary>
public sealed class RequestTelemetryMiddleware(RequestDelegate next, RequestTelemetry telemetry, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!RequestTelemetry.IsCounted(context.Request.Path))
        {
            await next(context);
            return;
        }

        var started = time.GetTimestamp();
        try
        {
            await next(context);
        }
        catch (Exception) when (!context.RequestAborted.IsCancellationRequested)
        {
            // Nothing inside handled it: the server answers 500.
            telemetry.Served(context, time.GetElapsedTime(started), StatusCodes.Status500InternalServerError);
            throw;
        }

        // A client that went away was not served, well or badly.
        if (!context.RequestAborted.IsCancellationRequested || context.Response.HasStarted)
        {
            telemetry.Served(context, time.GetElapsedTime(started), context.Response.StatusCode);
        }
    }
}
