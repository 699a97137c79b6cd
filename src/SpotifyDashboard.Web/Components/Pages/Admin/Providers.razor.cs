using Microsoft.AspNetCore.Components;
using Microsoft.FluentUI.AspNetCore.Components;
using SpotifyDashboard.Core.Contracts;
using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Web.Services;

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
        try
        {
            var status = await Api.GetStatusAsync();
            _enrichment = status?.Enrichment ?? new EnrichmentStatus(0, 0, 0, []);
            _problem = null;
        }
        catch (HttpRequestException ex)
        {
            _problem = ApiProblem.Unreachable(ex.StatusCode is null ? "It could not be reached." : $"It answered {(int)ex.StatusCode}.");
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
