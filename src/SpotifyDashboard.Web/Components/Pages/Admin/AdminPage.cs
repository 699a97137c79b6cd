using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using SpotifyDashboard.Web.Security;
using SpotifyDashboard.Web.Services;

namespace SpotifyDashboard.Web.Components.Pages.Admin;

/// <summary>
/// What every teacher's page shares: only for the signed-in teacher, the admin api client, and live updates that
/// reload the page when the api pushes one of the events it names.
/// </summary>
[Authorize]
public abstract class AdminPage : ComponentBase, IAsyncDisposable
{
    private LiveUpdates? _live;

    [Inject]
    public required AdminApiClient Admin { get; init; }

    [Inject]
    public required ApiEventStream Events { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    [Inject]
    public required IOptions<DashboardOptions> Dashboard { get; init; }

    [Inject]
    public required IOptionsMonitor<AdminOptions> AdminSettings { get; init; }

    protected bool KeyConfigured => AdminSettings.CurrentValue.IsConfigured;

    /// <summary>The events after which the page loads again; none for a page that only changes when the teacher acts.</summary>
    protected virtual string[] LiveEvents => [];

    protected abstract Task LoadAsync();

    protected override Task OnInitializedAsync() => KeyConfigured ? LoadAsync() : Task.CompletedTask;

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && KeyConfigured && LiveEvents.Length > 0)
        {
            _live = new LiveUpdates(Events, Time, Dashboard.Value.FallbackRefreshInterval,
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
