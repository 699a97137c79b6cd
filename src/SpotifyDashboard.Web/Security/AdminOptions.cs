using SpotifyDashboard.Core.Security;
namespace SpotifyDashboard.Web.Security;

/// <summary>
/// The <c>Admin</c> section: the teacher's password, which is also the api's admin key (the AppHost's <c>admin-key</c>
/// parameter, given to the web as <c>Admin__Key</c> and to the api as <c>Enrichment__AdminKey</c>). Without it, or with a
/// key too weak to guard anything (<see cref="AdminKeyStrength"/>), the teacher's pages stay off and say why.
/// </summary>
public sealed class AdminOptions
{
    public const string SectionName = "Admin";

    public const string HowToSetKey = "dotnet user-secrets set Parameters:admin-key <value> --project src/SpotifyDashboard.AppHost";

    public string? Key { get; set; }

    /// <summary>A key is set and strong enough: the teacher's pages are on.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Key) && KeyProblem is null;

    /// <summary>Why a key that is set is not used (too short, well known); null when it is used or none is set.</summary>
    public string? KeyProblem => AdminKeyStrength.Problem(Key);
}
