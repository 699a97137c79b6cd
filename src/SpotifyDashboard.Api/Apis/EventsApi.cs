using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using SpotifyDashboard.Api.Infrastructure;
using SpotifyDashboard.Api.Limits;
using SpotifyDashboard.Core.Storage;

namespace SpotifyDashboard.Api.Apis;

public static class EventsApi
{
    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/events", GetEvents)
            .WithTags("Events")
            .WithName("GetEvents")
            .WithSummary("Server-sent events: response-added, snapshot-updated, … as they happen; a ': ping' comment while quiet")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            // One request per stream for as long as it stays open: capped by RateLimits:EventConnections, not by the read limit.
            .DisableRateLimiting();
        return app;
    }

    public static async Task GetEvents(
        HttpContext context,
        EventBroadcast broadcast,
        IOptions<AnonymousLimitsOptions> options,
        TimeProvider time)
    {
        var cancellationToken = context.RequestAborted;
        using var listener = await broadcast.JoinAsync(cancellationToken);
        if (listener is null)
        {
            await LimitProblems.WriteAsync(
                context,
                StatusCodes.Status503ServiceUnavailable,
                "Too many event streams",
                $"The api already serves {options.Value.EventConnections} event streams (RateLimits:EventConnections). Pages poll meanwhile; try again later.",
                TimeSpan.FromSeconds(30));
            return;
        }

        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        try
        {
            await WriteEventAsync(response, new StoreEvent("connected", "", null, time.GetUtcNow()), cancellationToken);
            await PumpAsync(response, listener, options.Value.EventHeartbeat, time, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away.
        }
    }

    /// <summary>Writes events as they come and a <c>: ping</c> comment after every quiet <paramref name="heartbeat"/>.</summary>
    private static async Task PumpAsync(HttpResponse response, EventBroadcast.Listener listener, TimeSpan heartbeat, TimeProvider time, CancellationToken cancellationToken)
    {
        var events = listener.Events;
        Task<bool>? waiting = null;
        while (true)
        {
            waiting ??= events.WaitToReadAsync(cancellationToken).AsTask();
            using (var quiet = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                var tick = Task.Delay(heartbeat, time, quiet.Token);
                if (await Task.WhenAny(waiting, tick) == tick)
                {
                    await tick;
                    await response.WriteAsync(": ping\n\n", cancellationToken);
                    await response.Body.FlushAsync(cancellationToken);
                    continue;
                }

                await quiet.CancelAsync();
            }

            if (!await waiting)
            {
                return;
            }

            waiting = null;
            while (events.TryRead(out var storeEvent))
            {
                await WriteEventAsync(response, storeEvent, cancellationToken);
            }
        }
    }

    private static async Task WriteEventAsync(HttpResponse response, StoreEvent storeEvent, CancellationToken cancellationToken)
    {
        var frame = new StringBuilder()
            .Append("event: ").Append(storeEvent.Type).Append('\n')
            .Append("data: ").Append(JsonSerializer.Serialize(storeEvent, DashboardJson.Options)).Append("\n\n")
            .ToString();
        await response.WriteAsync(frame, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
