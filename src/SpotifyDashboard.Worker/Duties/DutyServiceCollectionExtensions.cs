using SpotifyDashboard.Core.Duties;

namespace SpotifyDashboard.Worker.Duties;

public static class DutyServiceCollectionExtensions
{
    /// <summary>The duty, and the <see cref="DutyLoop"/> that runs it while this replica leads.</summary>
    public static IServiceCollection AddDuty<TDuty>(this IServiceCollection services)
        where TDuty : class, IWorkerDuty
    {
        services.AddSingleton<TDuty>();
        // Not AddHostedService: it adds one service per implementation type, and every duty's loop is a DutyLoop.
        services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<DutyLoop>(sp, sp.GetRequiredService<TDuty>()));
        return services;
    }
}
