namespace SpotifyDashboard.Web.Components.Pages.Admin;

/// <summary>
/// Starts a refresh (<c>POST /api/refresh</c>) and follows it: each <c>refresh-progress</c> event (or, while the event
/// stream is down, the fallback timer) reads <c>GET /api/admin/refresh/{id}</c> until it is done or failed.
/// </summary>
public partial class Refresh
{
    private bool _reread = true;
    private bool _reenrich = true;
    private bool _reanalyse = true;
    private RefreshProgress? _progress;
    private ApiProblem? _problem;

    private bool Running => _progress is { Stage: not (RefreshStages.Done or RefreshStages.Failed) };

    protected override string[] LiveEvents => [StoreEvent.RefreshProgress];

    protected override async Task LoadAsync()
    {
        if (_progress is not { } current || !Running)
        {
            return;
        }

        var result = await Admin.GetRefreshAsync(current.Id);
        _problem = result.Problem;
        _progress = result.Value ?? _progress;
    }

    private async Task StartAsync()
    {
        _problem = null;
        var result = await Admin.StartRefreshAsync(new RefreshRequest(_reread, _reenrich, _reanalyse));
        _problem = result.Problem;
        if (result.Value is { } accepted)
        {
            _progress = new RefreshProgress(accepted.Id, RefreshStages.Queued, 0, 0, "Waiting for the worker", Time.GetUtcNow());
            await LoadAsync();
        }
    }

    private static string StageText(string stage) => stage switch
    {
        RefreshStages.Queued => "Queued",
        RefreshStages.Reading => "Reading the source",
        RefreshStages.Enriching => "Looking up the songs",
        RefreshStages.Analysing => "Analysing the class",
        _ => stage,
    };
}
