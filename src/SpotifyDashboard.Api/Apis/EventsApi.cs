using Microsoft.AspNetCore.Http.Features;

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
        var waiting = events.WaitToReadAsync(cancellationToken).AsTask();
        while (true)
        {
            try
            {
                if (!await waiting.WaitAsync(heartbeat, time, cancellationToken))
                {
                    return;
                }
            }
            catch (TimeoutException)
            {
                await response.WriteAsync(": ping\n\n", cancellationToken);
                await response.Body.FlushAsync(cancellationToken);
                continue;
            }

            while (events.TryRead(out var storeEvent))
            {
                await WriteEventAsync(response, storeEvent, cancellationToken);
            }

            waiting = events.WaitToReadAsync(cancellationToken).AsTask();
        }
    }

    private static async Task WriteEventAsync(HttpResponse response, StoreEvent storeEvent, CancellationToken cancellationToken)
    {
        await response.WriteAsync($"event: {storeEvent.Type}\ndata: {JsonSerializer.Serialize(storeEvent, DashboardJson.Options)}\n\n", cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
