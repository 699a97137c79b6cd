using SpotifyDashboard.Analysis;
using SpotifyDashboard.Core.Analysis;

namespace SpotifyDashboard.Worker.Analysis;

public static class AnalysisWorkerServiceCollectionExtensions
{
    /// <summary>
    /// The analysis worker, its leader lock and health check, and both halves of the <c>Analysis</c>
    /// section (engine settings and schedule). Needs an <c>IConnectionMultiplexer</c>, <c>SurveyResponseStore</c>,
    /// <c>SurveyOptions</c> and a <see cref="TimeProvider"/>, as the worker's Program.cs already registers.
    /// </summary>
    public static IServiceCollection AddAnalysisWorker(this IServiceCollection services)
    {
        services.AddOptions<AnalysisSettings>().BindConfiguration(AnalysisSettings.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AnalysisScheduleOptions>().BindConfiguration(AnalysisScheduleOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SnapshotStore>();
        services.AddSingleton<WorkerLeaderLock>();
        services.AddSingleton<AnalysisRunner>();
        services.AddSingleton<AnalysisWorkerStatus>();
        services.AddHostedService<AnalysisWorker>();
        services.AddHealthChecks().AddCheck<AnalysisHealthCheck>("analysis");
        return services;
    }
}
