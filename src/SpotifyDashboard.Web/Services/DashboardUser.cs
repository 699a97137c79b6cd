namespace SpotifyDashboard.Web.Services;

/// <summary>
/// The browser user the web is calling the api for, so the api's per-user limits count each user apart. Set by
/// <c>Routes</c> for a circuit from the address <c>App</c> saw on the page request (an interactive circuit has no
/// HttpContext of its own); a plain request (prerender, export) reads its own connection.
/// </summary>
public sealed class DashboardUser(IHttpContextAccessor accessor)
{
    private string? _address;

    public string? Address
    {
        get => _address ??= accessor.HttpContext?.Connection.RemoteIpAddress?.ToString();
        set => _address = string.IsNullOrWhiteSpace(value) ? _address : value;
    }
}
