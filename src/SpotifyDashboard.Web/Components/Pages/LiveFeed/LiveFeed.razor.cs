namespace SpotifyDashboard.Web.Components.Pages.LiveFeed;

/// <summary>
/// The newest responses, refreshed as the api pushes changes (polling only while its event stream is down).
/// Rows that arrived after the page opened are highlighted as new for a while.
/// </summary>
public sealed partial class LiveFeed
{
    [Inject]
    public required IOptions<LiveFeedOptions> Options { get; init; }

    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<string, DateTimeOffset> _firstSeen = [];
    private IReadOnlyList<FeedRow> _rows = [];
    private long? _total;
    private string? _error;
    private bool _loadedOnce;

    protected override string[] LiveEvents => LiveUpdates.ResponseEvents;

    /// <summary>The feed's own interval: it is the page a class watches fill up.</summary>
    protected override TimeSpan FallbackInterval => Options.Value.RefreshInterval;

    protected override async Task LoadAsync()
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
            _ => at.ToLocalTime().ToString("MMM d, HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _stop.CancelAsync();
        _stop.Dispose();
    }

    private sealed record FeedRow(ResponseItem Item, bool IsNew);
}
