using SpotifyDashboard.Analysis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SpotifyDashboard.Core.Analysis;
using SpotifyDashboard.Core.Telemetry;

namespace SpotifyDashboard.Worker.Analysis;

public static class AnalysisWorkerServiceCollectionExtensions
{
    /// <summary>
    /// The analysis worker and its health check, and both halves of the <c>Analysis</c>
    /// section (engine settings and schedule). Needs the worker's lock (<c>AddWorkerLeadership</c>), an
    /// <c>IConnectionMultiplexer</c>, <c>SurveyResponseStore</c>, <c>ActiveSourceStore</c>, <c>SurveyOptions</c> and a
    /// <see cref="TimeProvider"/>, as the worker's Program.cs already registers.
    /// </summary>
    public static IServiceCollection AddAnalysisWorker(this IServiceCollection services)
    {
        services.AddOptions<AnalysisOptions>().BindConfiguration(AnalysisOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddMetrics();
        services.TryAddSingleton<PipelineTelemetry>();
        services.AddSingleton<SnapshotStore>();
        services.AddSingleton<AnalysisRunner>();
        services.AddSingleton<AnalysisWorkerStatus>();
        services.AddHostedService<AnalysisWorker>();
        services.AddHealthChecks().AddCheck<AnalysisHealthCheck>("analysis");
        return services;
    }
}
