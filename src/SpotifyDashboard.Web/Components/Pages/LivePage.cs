namespace SpotifyDashboard.Web.Components.Pages;

/// <summary>
/// A page that stays current: it loads again when the api pushes one of the events it names (a burst folds into one
/// load) or, only while the api's event stream is down, on the fallback timer (<see cref="LiveUpdates"/>).
/// </summary>
public abstract class LivePage : ComponentBase, IAsyncDisposable
{
    private LiveUpdates? _live;

    [Inject]
    public required ApiEventStream Events { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    [Inject]
    public required IOptions<DashboardOptions> Dashboard { get; init; }

    /// <summary>The events after which the page asks the api again.</summary>
    protected abstract string[] LiveEvents { get; }

    /// <summary>Whether the page follows the events at all; a page with none changes only when its user acts.</summary>
    protected virtual bool IsLive => LiveEvents.Length > 0;

    /// <summary>How often the page asks while the event stream is down.</summary>
    protected virtual TimeSpan FallbackInterval => Dashboard.Value.FallbackRefreshInterval;

    /// <summary>What the page shows, asked for when it opens and again after each pushed event; the page renders afterwards.</summary>
    protected abstract Task LoadAsync();

    protected override Task OnInitializedAsync() => LoadAsync();

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && IsLive)
        {
            _live = new LiveUpdates(Events, Time, FallbackInterval,
                () => InvokeAsync(async () => { await LoadAsync(); StateHasChanged(); }),
                LiveEvents);
            _live.Start();
        }
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (_live is not null)
        {
            await _live.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
