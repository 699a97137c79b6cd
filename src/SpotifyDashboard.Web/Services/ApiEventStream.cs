using System.Net.ServerSentEvents;

namespace SpotifyDashboard.Web.Services;

/// <summary>
/// One server-sent-event connection from this web server to the api, shared by every open page.
/// Pages refresh as soon as something changes; when the stream is down they fall back to
/// polling, so nothing depends on it. Reconnects with a growing pause.
/// </summary>
public sealed partial class ApiEventStream(IHttpClientFactory httpClientFactory, ILogger<ApiEventStream> logger) : BackgroundService
{
    public const string HttpClientName = "api-events";

    /// <summary>Raised with the event type ("response-added", "snapshot-updated", …).</summary>
    public event Action<string>? Changed;

    /// <summary>True while the stream is open: pages then rely on pushed events and stop polling.</summary>
    public bool IsConnected { get; internal set; }

    /// <summary>Raises <see cref="Changed"/> as a pushed event would: the seam the component tests push events through.</summary>
    internal void Publish(string eventType) => Changed?.Invoke(eventType);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pause = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var http = httpClientFactory.CreateClient(HttpClientName);
                await using var stream = await http.GetStreamAsync("/api/events", stoppingToken);
                IsConnected = true;
                await foreach (var item in SseParser.Create(stream).EnumerateAsync(stoppingToken))
                {
                    pause = TimeSpan.FromSeconds(1);
                    Publish(item.EventType);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException)
            {
                LogStreamDown(ex);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            IsConnected = false;
            await Task.Delay(pause, stoppingToken);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "The api's event stream is not available; pages poll meanwhile")]
    private partial void LogStreamDown(Exception exception);
}
