using Microsoft.Extensions.DependencyInjection.Extensions;
using SpotifyDashboard.Api.Limits;
using SpotifyDashboard.Api.Sources;
using SpotifyDashboard.Core.Analysis;
using SpotifyDashboard.Core.Configuration;
using SpotifyDashboard.Analysis;

namespace SpotifyDashboard.Api.Analysis;

public static class AnalysisApiServiceCollectionExtensions
{
    /// <summary>
    /// The in-memory latest snapshot (<see cref="SnapshotHolder"/>, a hosted service) and the song resolver of
    /// <c>POST /api/predict-major</c>. Needs an <c>IConnectionMultiplexer</c> and <c>SurveyOptions</c>; adds the active source; uses
    /// <c>ISongFeatureLookup</c> when registered (<c>AddSongEnrichment</c>). Safe to call twice.
    /// </summary>
    public static IServiceCollection AddAnalysisSnapshots(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(SnapshotHolder)))
        {
            return services;
        }

        services.AddActiveSource();
        services.AddOptions<AnalysisOptions>().BindConfiguration(AnalysisOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SnapshotStore>();
        services.AddSingleton<SnapshotHolder>();
        services.AddHostedService(sp => sp.GetRequiredService<SnapshotHolder>());
        services.TryAddSingleton<DemoSongIndex>();
        services.TryAddSingleton<UpstreamLookupGate>();
        services.TryAddSingleton<PredictionSongResolver>();
        services.TryAddSingleton<CompareTrackResolver>();
        return services;
    }
}
