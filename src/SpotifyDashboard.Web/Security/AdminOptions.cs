namespace SpotifyDashboard.Web.Security;

/// <summary>
/// The <c>Admin</c> section: the teacher's password, which is also the api's admin key (the AppHost's <c>admin-key</c>
/// parameter, given to the web as <c>Admin__Key</c> and to the api as <c>Enrichment__AdminKey</c>). Without it the
/// teacher's pages say how to set one and nobody can sign in.
/// </summary>
public sealed class AdminOptions
{
    public const string SectionName = "Admin";

    public const string HowToSetKey = "dotnet user-secrets set Parameters:admin-key <value> --project src/SpotifyDashboard.AppHost";

    public string? Key { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Key);
}
