using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using OpenTelemetry.Trace;

namespace SpotifyDashboard.ServiceDefaults.Telemetry;

/// <summary>
/// Keeps <see cref="ReadTraceOptions.SampleRatio"/> of the traces that a read starts (a server span of a <c>GET</c> or
/// <c>HEAD</c> to <c>/api/...</c> with no parent) and every other trace. The reads it does not choose are still recorded
/// (not exported), so <see cref="SlowOrFailedReadKeeper"/> can keep a failed or slow one when it ends. A span with a
/// parent follows its parent's decision: a read the web makes for a page it traces stays in that trace.
/// </summary>
public sealed class ReadTraceSampler(double ratio, IHttpContextAccessor requests) : Sampler
{
    private static readonly SamplingResult Keep = new(SamplingDecision.RecordAndSample);
    private static readonly SamplingResult RecordOnly = new(SamplingDecision.RecordOnly);
    private static readonly SamplingResult Drop = new(SamplingDecision.Drop);

    private readonly TraceIdRatioBasedSampler _ratio = new(ratio);

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters)
    {
        if (samplingParameters.ParentContext.TraceId != default)
        {
            return samplingParameters.ParentContext.TraceFlags.HasFlag(ActivityTraceFlags.Recorded) ? Keep : Drop;
        }

        // ASP.NET Core creates the request's span once the request's context exists (the accessor has it) and before
        // any middleware runs; the span's creation tags do not name the method or the path.
        if (samplingParameters.Kind != ActivityKind.Server || requests.HttpContext?.Request is not { } request || !IsRead(request))
        {
            return Keep;
        }

        return _ratio.ShouldSample(samplingParameters).Decision == SamplingDecision.RecordAndSample ? Keep : RecordOnly;
    }

    private static bool IsRead(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && request.Path.StartsWithSegments("/api");
}
