namespace SpotifyDashboard.Web.Services;

/// <summary>
/// On the api client's pipeline: proves to the api that <see cref="AddressHeader"/> comes from the web by adding
/// <see cref="KeyHeader"/> (the secret parameter <c>internal-key</c>, env <c>Internal__Key</c>). Without a key the
/// address is not sent at all: the api would ignore it anyway.
/// </summary>
public sealed class DashboardUserHandler(IConfiguration configuration) : DelegatingHandler
{
    public const string AddressHeader = "X-Dashboard-Client";
    public const string KeyHeader = "X-Dashboard-Key";
    public const string KeySetting = "Internal:Key";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var key = configuration[KeySetting];
        if (request.Headers.Contains(AddressHeader))
        {
            if (string.IsNullOrEmpty(key))
            {
                request.Headers.Remove(AddressHeader);
            }
            else
            {
                request.Headers.Remove(KeyHeader);
                request.Headers.TryAddWithoutValidation(KeyHeader, key);
            }
        }

        return base.SendAsync(request, cancellationToken);
    }
}
