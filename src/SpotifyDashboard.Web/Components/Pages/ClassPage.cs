using Microsoft.AspNetCore.Components;
using SpotifyDashboard.Web.Services;

namespace SpotifyDashboard.Web.Components.Pages;

/// <summary>What every class-facing page shares: the api client, and live updates (<see cref="LivePage"/>).</summary>
public abstract class ClassPage : LivePage
{
    [Inject]
    public required DashboardApiClient Api { get; init; }
}
