namespace SpotifyDashboard.Web.Components.Pages.Admin;

/// <summary>
/// Every survey source: what it read, how its headers were mapped, its last error in full, and which is active; above
/// them, whether Spotify refuses the app (the answers read then wait to be enriched).
/// </summary>
public partial class Sources
{
    private AdminSourcesView? _view;
    private ApiProblem? _problem;
    private ApiProblem? _actionProblem;
    private string? _notice;
    private bool _busy;
    private IReadOnlyList<ProviderStatus>? _providers;

    [Inject]
    public required DashboardApiClient Api { get; init; }

    protected override string[] LiveEvents => [StoreEvent.SourceChanged, StoreEvent.ResponseAdded, StoreEvent.RefreshProgress];

    protected override async Task LoadAsync()
    {
        var result = await Admin.GetSourcesAsync();
        _problem = result.Problem;
        _view = result.Value ?? _view;
        // The sources' own problem bar says when the api is unreachable; the notice keeps what it knew.
        _providers = (await Api.GetStatusAsync()).Value?.Enrichment?.Providers ?? _providers;
    }

    private Task ReadNowAsync() => ActAsync(() => Admin.ReadNowAsync(), "The worker reads the active source now; the counts update as it goes.");

    private Task UseAsync(string? source) => ActAsync(
        () => Admin.SetActiveSourceAsync(source),
        source is null ? "Back to the configured source." : $"The dashboard now shows the {source} source.");

    private async Task ActAsync(Func<Task<ApiProblem?>> act, string done)
    {
        _busy = true;
        _notice = null;
        _actionProblem = await act();
        if (_actionProblem is null)
        {
            _notice = done;
            await LoadAsync();
        }

        _busy = false;
    }
}
