namespace SpotifyDashboard.Web.Services;

/// <summary>
/// The web's three ways to the api, all found through service discovery: the class's data for the pages, the event
/// stream that keeps them live, and the teacher's admin endpoints.
/// </summary>
public static class ApiClients
{
    private static readonly Uri Api = new("https+http://api");

    /// <summary>
    /// The typed api client, telling the api which user each call is for and asking with the ETag of what it already
    /// has (<see cref="ConditionalGetHandler"/>).
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
        services.AddHttpClient<DashboardApiClient>(client => client.BaseAddress = Api)
            // The api sends its large answers gzip-compressed to a client that asks so (1.7 MB of clusters → a fraction).
            .ConfigurePrimaryHttpMessageHandler((handler, _) => AcceptGzip(handler))
            .RemoveAllResilienceHandlers()
            .AddHttpMessageHandler<DashboardUserHandler>()
            .AddHttpMessageHandler<ConditionalGetHandler>()
            .AddApiResilience();
#pragma warning restore EXTEXP0001
        return services;
    }

    /// <summary>One stream for every open page; it stays open for as long as the web runs: no request timeout, no retry handler around it.</summary>
    public static IServiceCollection AddApiEventStream(this IServiceCollection services)
    {
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked experimental, but it is the way to opt one client out of the defaults.
        services.AddHttpClient(ApiEventStream.HttpClientName, client =>
            {
                client.BaseAddress = Api;
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        services.AddSingleton<ApiEventStream>();
        services.AddHostedService(sp => sp.GetRequiredService<ApiEventStream>());
        return services;
    }

    /// <summary>The admin endpoints, with the admin key (<see cref="AdminKeyHandler"/>) on every call.</summary>
    public static IServiceCollection AddAdminApiClient(this IServiceCollection services)
    {
        services.AddTransient<AdminKeyHandler>();
        // A teacher's post (a refresh, an override, an upload) sent twice would be done twice: see ApiResilience.
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked experimental, but it is the way to opt one client out of the defaults.
        services.AddHttpClient<AdminApiClient>(client => client.BaseAddress = Api)
            .RemoveAllResilienceHandlers()
            .AddHttpMessageHandler<AdminKeyHandler>()
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
