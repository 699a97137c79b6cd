using SpotifyDashboard.Core.Contracts;
using SpotifyDashboard.Core.Storage;

namespace SpotifyDashboard.Web.Components.Pages.LiveFeed;

/// <summary>
/// The newest responses, refreshed on a timer while the page is open. Rows that arrived after
/// the page opened are highlighted as new for a while.
/// </summary>
public partial class LiveFeed
{
    private static readonly TimeSpan EventCoalescing = TimeSpan.FromMilliseconds(250);

    private readonly CancellationTokenSource _stop = new();
    private int _refreshQueued;
    private readonly Dictionary<string, DateTimeOffset> _firstSeen = [];
    private IReadOnlyList<FeedRow> _rows = [];
    private long? _total;
    private string? _error;
    private bool _loadedOnce;

    protected override Task OnInitializedAsync() => RefreshAsync();

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            Events.Changed += OnApiEvent;
            _ = PollAsync();
        }
    }

    /// <summary>
    /// A pushed change refreshes at once; the timer is the fallback when the stream is down. A burst
    /// of events (a sheet's first load) is folded into one refresh.
    /// </summary>
    private void OnApiEvent(string eventType)
    {
        if (eventType is not (StoreEvent.ResponseAdded or StoreEvent.ResponsesEnriched) || Interlocked.Exchange(ref _refreshQueued, 1) == 1)
        {
            return;
        }

        _ = InvokeAsync(async () =>
        {
            await Task.Delay(EventCoalescing, Time, _stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            Interlocked.Exchange(ref _refreshQueued, 0);
            if (!_stop.IsCancellationRequested)
            {
                await RefreshAsync();
                StateHasChanged();
            }
        });
    }

    private async Task PollAsync()
    {
        using var timer = new PeriodicTimer(Options.Value.RefreshInterval, Time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                await RefreshAsync();
                await InvokeAsync(StateHasChanged);
            }
        }
        catch (OperationCanceledException)
        {
            // The page was closed.
        }
    }

    private async Task RefreshAsync()
    {
        try
        {
            var page = await Api.GetResponsesAsync(Options.Value.Rows, cancellationToken: _stop.Token);
            var now = Time.GetUtcNow();
            foreach (var item in page.Items)
            {
                // What was there when the page opened is not "new"; what came later is.
                _firstSeen.TryAdd(item.Id, _loadedOnce ? now : DateTimeOffset.MinValue);
            }

            _loadedOnce = true;
            _total = page.Total;
            _rows = [.. page.Items.Select(item => new FeedRow(item, now - _firstSeen[item.Id] < Options.Value.NewHighlight))];
            _error = null;
        }
        catch (HttpRequestException ex)
        {
            _error = $"Showing the last data received. ({ex.Message})";
        }
    }

    private static string StateTitle(ResponseItem item) => item.Enrichment switch
    {
        SpotifyDashboard.Core.Music.EnrichmentState.Pending => "Audio features are still being looked up",
        _ => "No track matched this song closely enough; an admin can map it",
    };

    private string RelativeTime(DateTimeOffset at)
    {
        var age = Time.GetUtcNow() - at;
        return age switch
        {
            { TotalSeconds: < 60 } => "just now",
            { TotalMinutes: < 60 } => $"{(int)age.TotalMinutes} min ago",
            { TotalHours: < 24 } => $"{(int)age.TotalHours} h ago",
            _ => at.ToLocalTime().ToString("MMM d, HH:mm"),
        };
    }

    public async ValueTask DisposeAsync()
    {
        Events.Changed -= OnApiEvent;
        await _stop.CancelAsync();
        _stop.Dispose();
    }

    private sealed record FeedRow(ResponseItem Item, bool IsNew);
}
