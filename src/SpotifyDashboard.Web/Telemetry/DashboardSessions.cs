using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace SpotifyDashboard.Web.Telemetry;

/// <summary>
/// Meter <c>SpotifyDashboard.Web</c>: <c>active_sessions</c> with <c>kind</c> <c>dashboard</c>, the open dashboards
/// (Blazor circuits: one per browser tab with an interactive page). A circuit whose connection dropped stays counted
/// until Blazor gives it up, since the tab may still reconnect to it.
/// </summary>
public sealed class DashboardSessions
{
    public const string MeterName = "SpotifyDashboard.Web";

    private static readonly KeyValuePair<string, object?> DashboardKind = new("kind", "dashboard");

    private readonly UpDownCounter<long> _active;

    public DashboardSessions(IMeterFactory meterFactory) =>
        _active = meterFactory.Create(MeterName).CreateUpDownCounter<long>("active_sessions", "{session}", "Open dashboards (Blazor circuits)");

    public void Opened() => _active.Add(1, DashboardKind);

    public void Closed() => _active.Add(-1, DashboardKind);
}

/// <summary>Tells <see cref="DashboardSessions"/> when a circuit opens and closes (one handler per circuit).</summary>
public sealed class DashboardSessionCircuitHandler(DashboardSessions sessions) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        sessions.Opened();
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        sessions.Closed();
        return Task.CompletedTask;
    }
}

public static class DashboardSessionsServiceCollectionExtensions
{
    public static IServiceCollection AddDashboardSessionTelemetry(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddSingleton<DashboardSessions>();
        services.AddScoped<CircuitHandler, DashboardSessionCircuitHandler>();
        return services;
    }
}
