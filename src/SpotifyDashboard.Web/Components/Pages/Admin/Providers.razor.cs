using Microsoft.FluentUI.AspNetCore.Components;

namespace SpotifyDashboard.Web.Components.Pages.Admin;

/// <summary>The audio-feature providers as <c>/api/status</c> reports them: state, cool-down, open breaker or refusal, last error.</summary>
public partial class Providers
{
    private EnrichmentStatus? _enrichment;
    private ApiProblem? _problem;

    [Inject]
    public required DashboardApiClient Api { get; init; }

    protected override string[] LiveEvents => [StoreEvent.ResponsesEnriched];

    protected override async Task LoadAsync()
    {
        var status = await Api.GetStatusAsync();
        _problem = status.Problem;
        if (status.Value is { } report)
        {
            _enrichment = report.Enrichment ?? new EnrichmentStatus(0, 0, 0, []);
        }
    }

    private static string StateText(ProviderState state) => state switch
    {
        ProviderState.Ok => "OK",
        ProviderState.Cooldown => "Cooling down",
        ProviderState.BreakerOpen => "Breaker open",
        ProviderState.Unavailable => "Unavailable",
        ProviderState.Refused => "Refused by Spotify",
        _ => state.ToString(),
    };

    private static BadgeColor StateColor(ProviderState state) => state switch
    {
        ProviderState.Ok => BadgeColor.Success,
        ProviderState.Cooldown => BadgeColor.Warning,
        _ => BadgeColor.Danger,
    };
}
