using Microsoft.Extensions.DependencyInjection.Extensions;
using SpotifyDashboard.Api.Data;

namespace SpotifyDashboard.Api.Status;

public static class StatusServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="StatusHolder"/> (a hosted service) behind <c>/api/status</c>. Needs the stores, <c>AddSongLookup</c>
    /// (the providers' states) and an <c>IConnectionMultiplexer</c>; adds the class data. Safe to call twice.
    /// </summary>
    public static IServiceCollection AddStatusReport(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(StatusHolder)))
        {
            return services;
        }

        services.AddClassData();
        services.AddOptions<StatusOptions>().BindConfiguration(StatusOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<StatusHolder>();
        services.AddHostedService(sp => sp.GetRequiredService<StatusHolder>());
        return services;
    }
}
