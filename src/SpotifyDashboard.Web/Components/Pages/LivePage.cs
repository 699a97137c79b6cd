using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using SpotifyDashboard.Web.Services;

namespace SpotifyDashboard.Web.Components.Pages;

/// <summary>
/// What every class-facing page shares: the api client, and live updates that reload the page when the api pushes one
/// of the events it names (or, only while the event stream is down, on the fallback timer).
/// </summary>
public abstract class LivePage : ComponentBase, IAsyncDisposable
{
    private LiveUpdates? _live;

    [Inject]
    public required DashboardApiClient Api { get; init; }

    [Inject]
    public required ApiEventStream Events { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    [Inject]
    public required IOptions<DashboardOptions> Options { get; init; }

    /// <summary>The events after which the page asks the api again.</summary>
    protected abstract string[] LiveEvents { get; }

    /// <summary>What a pushed event runs; the page renders afterwards.</summary>
    protected abstract Task ReloadAsync();

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _live = new LiveUpdates(Events, Time, Options.Value.FallbackRefreshInterval,
                () => InvokeAsync(async () => { await ReloadAsync(); StateHasChanged(); }),
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
