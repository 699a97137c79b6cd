using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SpotifyDashboard.ServiceDefaults.Http;

public static class UserAgentExtensions
{
    /// <summary>
    /// The product's User-Agent (<see cref="ProductUserAgent"/>, the <c>UserAgent</c> section) on every client made by
    /// <see cref="IHttpClientFactory"/>, named, typed or the handlers a library takes from it. Needs an
    /// <see cref="Microsoft.Extensions.Configuration.IConfiguration"/> in the services.
    /// </summary>
    public static IServiceCollection AddProductUserAgent(this IServiceCollection services)
    {
        services.AddOptions<UserAgentOptions>().BindConfiguration(UserAgentOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<ProductUserAgent>();
        services.TryAddTransient<UserAgentHandler>();
        services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler<UserAgentHandler>());
        return services;
    }
}
