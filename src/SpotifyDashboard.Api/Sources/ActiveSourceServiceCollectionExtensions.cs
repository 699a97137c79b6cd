using Microsoft.Extensions.DependencyInjection.Extensions;
using SpotifyDashboard.Core.Storage;

namespace SpotifyDashboard.Api.Sources;

public static class ActiveSourceServiceCollectionExtensions
{
    /// <summary>
    /// The held active source (<see cref="ActiveSourceHolder"/>, a hosted service) every handler serves. Needs an
    /// <c>IConnectionMultiplexer</c>. Safe to call twice.
    /// </summary>
    public static IServiceCollection AddActiveSource(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(ActiveSourceHolder)))
        {
            return services;
        }

        services.AddOptions<ActiveSourceOptions>().BindConfiguration(ActiveSourceOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ActiveSourceStore>();
        services.AddSingleton<SourceChoiceFiles>();
        services.AddSingleton<LostChoicesRestore>();
        services.AddSingleton<ActiveSourceHolder>();
        services.AddHostedService(sp => sp.GetRequiredService<ActiveSourceHolder>());
        return services;
    }
}
