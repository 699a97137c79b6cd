using Microsoft.Extensions.DependencyInjection.Extensions;
using SpotifyDashboard.Api.Analysis;
using SpotifyDashboard.Api.Sources;

namespace SpotifyDashboard.Api.Data;

public static class ClassDataServiceCollectionExtensions
{
    /// <summary>
    /// The in-memory class data (<see cref="ClassDataHolder"/>, a hosted service) behind the overview, the data grid,
    /// the exports and the display fields of clusters and twins. Needs <c>SurveyResponseStore</c>; adds the snapshots.
    /// </summary>
    public static IServiceCollection AddClassData(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(ClassDataHolder)))
        {
            return services;
        }

        services.AddActiveSource();
        services.AddAnalysisSnapshots();
        services.AddOptions<ClassDataOptions>().BindConfiguration(ClassDataOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ClassDataHolder>();
        services.AddHostedService(sp => sp.GetRequiredService<ClassDataHolder>());
        return services;
    }
}
