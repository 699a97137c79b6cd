using Microsoft.AspNetCore.Authorization;

namespace SpotifyDashboard.Web.Components.Pages.Admin;

/// <summary>
/// What every teacher's page shares: only for the signed-in teacher, the admin api client, and live updates
/// (<see cref="LivePage"/>) once an admin key is configured.
/// </summary>
[Authorize]
public abstract class AdminPage : LivePage
{
    [Inject]
    public required AdminApiClient Admin { get; init; }

    [Inject]
    public required IOptionsMonitor<AdminOptions> AdminSettings { get; init; }

    protected bool KeyConfigured => AdminSettings.CurrentValue.IsConfigured;

    /// <summary>None by default: a page that only changes when the teacher acts.</summary>
    protected override string[] LiveEvents => [];

    protected override bool IsLive => KeyConfigured && base.IsLive;

    protected override Task OnInitializedAsync() => KeyConfigured ? LoadAsync() : Task.CompletedTask;
}
