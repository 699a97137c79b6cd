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

public static class DashboardApiClientServiceCollectionExtensions
{
    /// <summary>
    /// The typed api client, found through service discovery, telling the api which user each call is for and asking
    /// with the ETag of what it already has (<see cref="ConditionalGetHandler"/>).
    /// </summary>
    public static IServiceCollection AddDashboardApiClient(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<DashboardUser>();
        services.AddTransient<DashboardUserHandler>();
        // One health reading for all the open pages' banners (see SharedBackendHealth).
        services.AddSingleton<SharedBackendHealth>();
        services.AddSingleton<ApiAnswerCache>();
        services.AddTransient<ConditionalGetHandler>();
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked experimental, but it is the way to opt one client out of the defaults.
        services.AddHttpClient<DashboardApiClient>(client => client.BaseAddress = new("https+http://api"))
            // The api sends its large answers gzip-compressed to a client that asks so (1.7 MB of clusters → a fraction).
            .ConfigurePrimaryHttpMessageHandler((handler, _) => AcceptGzip(handler))
            .RemoveAllResilienceHandlers()
            .AddHttpMessageHandler<DashboardUserHandler>()
            .AddHttpMessageHandler<ConditionalGetHandler>()
            .AddApiResilience();
#pragma warning restore EXTEXP0001
        return services;
    }

    private static void AcceptGzip(HttpMessageHandler handler)
    {
        switch (handler)
        {
            case SocketsHttpHandler sockets:
                sockets.AutomaticDecompression = System.Net.DecompressionMethods.GZip;
                break;
            case HttpClientHandler client:
                client.AutomaticDecompression = System.Net.DecompressionMethods.GZip;
                break;
        }
    }
}
