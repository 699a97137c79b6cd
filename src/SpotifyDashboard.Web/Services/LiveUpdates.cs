using System.Threading.Channels;

namespace SpotifyDashboard.Web.Services;

/// <summary>
/// Keeps one open page current. A pushed event of a kind the page cares about refreshes it at once
/// (a burst, such as a sheet's first load, folds into one refresh); the timer refreshes only while the
/// api's event stream is down. Reconnecting ("connected") refreshes too, to catch up on what was missed.
/// </summary>
public sealed class LiveUpdates : IAsyncDisposable
{
    /// <summary>Sent by the api first on every new stream.</summary>
    public const string Connected = "connected";

    private static readonly TimeSpan Coalescing = TimeSpan.FromMilliseconds(250);

    private readonly ApiEventStream _events;
    private readonly TimeProvider _time;
    private readonly TimeSpan _fallback;
    private readonly Func<Task> _refresh;
    private readonly HashSet<string> _types;
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    public LiveUpdates(ApiEventStream events, TimeProvider time, TimeSpan fallbackInterval, Func<Task> refresh, params string[] eventTypes)
    {
        _events = events;
        _time = time;
        _fallback = fallbackInterval;
        _refresh = refresh;
        _types = [.. eventTypes, Connected];
    }

    /// <summary>Events that change what the analysis pages show.</summary>
    public static string[] AnalysisEvents { get; } = [StoreEvent.SnapshotUpdated];

    /// <summary>Events that change the list of answers and their enrichment.</summary>
    public static string[] ResponseEvents { get; } = [StoreEvent.ResponseAdded, StoreEvent.ResponsesEnriched];

    public void Start()
    {
        _events.Changed += OnEvent;
        _loop = RunAsync();
    }

    private void OnEvent(string eventType)
    {
        if (_types.Contains(eventType))
        {
            _signal.Writer.TryWrite(true);
        }
    }

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var pushed = await WaitForSignalAsync();
                if (!pushed && _events.IsConnected)
                {
                    // The stream is up and quiet: nothing changed, nothing to ask the api.
                    continue;
                }

                if (pushed)
                {
                    await Task.Delay(Coalescing, _time, _stop.Token);
                    _signal.Reader.TryRead(out _);
                }

                await _refresh();
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A refresh that failed shows its own message; the next event or tick tries again.
            }
        }
    }

    private async Task<bool> WaitForSignalAsync()
    {
        using var timeout = new CancellationTokenSource(_fallback, _time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, timeout.Token);
        try
        {
            return await _signal.Reader.ReadAsync(either.Token);
        }
        catch (OperationCanceledException) when (!_stop.IsCancellationRequested)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _events.Changed -= OnEvent;
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopped while refreshing.
        }

        _stop.Dispose();
    }
}
