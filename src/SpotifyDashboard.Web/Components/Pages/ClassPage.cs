namespace SpotifyDashboard.Web.Components.Pages;

/// <summary>What every class-facing page shares: the api client, and live updates (<see cref="LivePage"/>), by default after each new analysis.</summary>
public abstract class ClassPage : LivePage
{
    [Inject]
    public required DashboardApiClient Api { get; init; }

    protected override string[] LiveEvents => LiveUpdates.AnalysisEvents;
}
