using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Trace;
using SpotifyDashboard.ServiceDefaults.Telemetry;

namespace SpotifyDashboard.ServiceDefaults.Tests.Telemetry;

/// <summary>
/// <c>Telemetry:ReadTraces</c>: a service exports the chosen share of the traces its <c>/api</c> reads start, and every
/// failed, slow, written, non-api or parented one, over real HTTP into a service built by <c>AddServiceDefaults</c>.
/// </summary>
public sealed class ReadTraceSamplingTests
{
    private const int Reads = 40;

    [Fact]
    public async Task AtRatioZeroOnlyFailedSlowAndOtherRequestsAreExported()
    {
        // The AppHost sets OTEL_TRACES_SAMPLER=always_on for every service: the setting holds over it.
        await using var service = await TracedService.StartAsync(
            ("Telemetry:ReadTraces:SampleRatio", "0"), ("Telemetry:ReadTraces:KeepSlowerThan", "00:00:00.200"), ("OTEL_TRACES_SAMPLER", "always_on"));

        for (var i = 0; i < Reads; i++)
        {
            await service.SendAsync(HttpMethod.Get, "/api/read");
        }

        await service.SendAsync(HttpMethod.Get, "/api/fail");
        await service.SendAsync(HttpMethod.Get, "/api/slow");
        await service.SendAsync(HttpMethod.Post, "/api/read");
        await service.SendAsync(HttpMethod.Get, "/page");
        // A read the web makes inside a trace it keeps stays in that trace.
        await service.SendAsync(HttpMethod.Get, "/api/read", traceParent: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

        Assert.Equal(1, service.Exported("GET", "/api/read"));
        Assert.Equal(1, service.Exported("GET", "/api/fail"));
        Assert.Equal(1, service.Exported("GET", "/api/slow"));
        Assert.Equal(1, service.Exported("POST", "/api/read"));
        Assert.Equal(1, service.Exported("GET", "/page"));
        Assert.Equal(Reads + 5, service.Ended);
    }

    [Fact]
    public async Task AtRatioOneEveryReadIsExported()
    {
        await using var service = await TracedService.StartAsync(("Telemetry:ReadTraces:SampleRatio", "1"));

        for (var i = 0; i < Reads; i++)
        {
            await service.SendAsync(HttpMethod.Get, "/api/read");
        }

        Assert.Equal(Reads, service.Exported("GET", "/api/read"));
    }

    [Fact]
    public async Task TheDefaultExportsAFewOfManyReads()
    {
        Assert.Equal(0.05, new ReadTraceOptions().SampleRatio);
        await using var service = await TracedService.StartAsync();
        const int reads = 400;

        for (var i = 0; i < reads; i++)
        {
            await service.SendAsync(HttpMethod.Get, "/api/read");
        }

        // 20 expected out of 400 by random trace ids; 1 to 60 holds but for odds far below one in a million.
        Assert.InRange(service.Exported("GET", "/api/read"), 1, 60);
        Assert.Equal(reads, service.Ended);
    }

    [Fact]
    public async Task ARatioOutsideZeroToOneStopsTheStart()
    {
        await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => TracedService.StartAsync(("Telemetry:ReadTraces:SampleRatio", "1.5")));
    }

    /// <summary>A service with the defaults and four endpoints, whose exported server spans a last processor collects.</summary>
    private sealed class TracedService : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly HttpClient _http;
        private readonly ExportedSpans _spans;

        private TracedService(WebApplication app, HttpClient http, ExportedSpans spans) => (_app, _http, _spans) = (app, http, spans);

        public int Ended => _spans.Ended;

        public int Exported(string method, string path) =>
            _spans.Exported.Count(s => s.Method == method && s.Path == path);

        public static async Task<TracedService> StartAsync(params (string Key, string Value)[] settings)
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
            foreach (var (key, value) in settings)
            {
                builder.Configuration[key] = value;
            }

            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.AddServiceDefaults();
            var spans = new ExportedSpans();
            // Added after the defaults, so it runs after them, where the exporters do.
            builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(spans));
            var app = builder.Build();
            app.MapGet("/api/read", () => "ok");
            app.MapPost("/api/read", () => "ok");
            app.MapGet("/api/fail", () => Results.StatusCode(StatusCodes.Status500InternalServerError));
            app.MapGet("/api/slow", async () =>
            {
                await Task.Delay(300);
                return "ok";
            });
            app.MapGet("/page", () => "ok");
            try
            {
                await app.StartAsync();
            }
            catch
            {
                await app.DisposeAsync();
                throw;
            }

            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            // No trace header from this side: the test's own client calls would otherwise be the reads' parents.
            var http = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null }) { BaseAddress = new Uri(address) };
            return new TracedService(app, http, spans);
        }

        public async Task SendAsync(HttpMethod method, string path, string? traceParent = null)
        {
            using var request = new HttpRequestMessage(method, path);
            if (traceParent is not null)
            {
                request.Headers.Add("traceparent", traceParent);
            }

            using var response = await _http.SendAsync(request);
            // The server ends its span after the answer is sent: wait for it, so the counts are whole.
            await _spans.WaitForEndAsync();
        }

        public async ValueTask DisposeAsync()
        {
            _http.Dispose();
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private sealed record Span(string Method, string Path);

    /// <summary>What an exporter would send: the ended server spans marked recorded.</summary>
    private sealed class ExportedSpans : BaseProcessor<Activity>
    {
        private readonly ConcurrentQueue<Span> _exported = new();
        private readonly SemaphoreSlim _ends = new(0);
        private int _ended;

        public IReadOnlyCollection<Span> Exported => _exported;

        public int Ended => Volatile.Read(ref _ended);

        public Task WaitForEndAsync() => _ends.WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(t => Assert.True(t.Result, "the server span did not end"), TaskScheduler.Default);

        public override void OnEnd(Activity data)
        {
            if (data.Kind != ActivityKind.Server)
            {
                return;
            }

            Interlocked.Increment(ref _ended);
            if (data.Recorded)
            {
                _exported.Enqueue(new Span(data.GetTagItem("http.request.method") as string ?? "", data.GetTagItem("url.path") as string ?? ""));
            }

            _ends.Release();
        }
    }
}
