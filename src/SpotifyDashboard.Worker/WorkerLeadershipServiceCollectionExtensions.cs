using Microsoft.Extensions.DependencyInjection.Extensions;
using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Worker.Analysis;
using SpotifyDashboard.Worker.Commands;

namespace SpotifyDashboard.Worker;

public static class WorkerLeadershipServiceCollectionExtensions
{
    /// <summary>
    /// One <see cref="WorkerLeaderLock"/> for all of the worker's duties: ingestion, the demo class, enrichment, analysis
    /// and commands each ask it (as <see cref="IWorkerLeadership"/>) before they work, so among replicas only the leader
    /// does. Replaces the libraries' "sole worker" default, in whatever order they were added. Its timings are the
    /// <c>Analysis:Lock*</c> and <c>Analysis:StandbyRetryInterval</c> settings (bound by <c>AddAnalysisWorker</c>).
    /// </summary>
    public static IServiceCollection AddWorkerLeadership(this IServiceCollection services)
    {
        services.TryAddSingleton<WorkerLeaderLock>();
        services.Replace(ServiceDescriptor.Singleton<IWorkerLeadership>(sp => sp.GetRequiredService<WorkerLeaderLock>()));
        return services;
    }

    /// <summary>The teacher's commands (refresh, read now), popped by the leader. Needs ingestion, enrichment and analysis.</summary>
    public static IServiceCollection AddWorkerCommands(this IServiceCollection services)
    {
        services.AddSingleton<WorkerCommandRunner>();
        services.AddSingleton<WorkerCommandWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<WorkerCommandWorker>());
        return services;
    }
}
