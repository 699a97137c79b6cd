using System.Text.Json.Serialization;

namespace SpotifyDashboard.Api.Health;

/// <summary>The states a part can be in, as <c>/health/details</c> writes them.</summary>
public static class HealthStates
{
    public const string Healthy = "healthy";

    /// <summary>Works, but not fully: a provider rate-limits us, the sheet could not be read (the last good data is served).</summary>
    public const string Degraded = "degraded";

    public const string Unhealthy = "unhealthy";

    /// <summary>Not set up, or not the active survey source: nothing to check.</summary>
    public const string NotConfigured = "not_configured";

    /// <summary>Nothing to tell yet (no call reported), or the cache that would tell does not answer.</summary>
    public const string Unknown = "unknown";

    /// <summary>How bad a state is, for the overall status; not_configured and unknown say nothing either way.</summary>
    public static int Severity(string state) => state switch
    {
        Degraded => 1,
        Unhealthy => 2,
        _ => 0,
    };
}

/// <summary>One part's state and, in a few words, why. Never a secret, a URL or what an upstream answered.</summary>
public sealed record ServiceHealth(string State, string Reason);

/// <summary>The parts <c>/health/details</c> reports on, under the names operators see in its JSON.</summary>
public sealed record HealthDetailsServices(
    [property: JsonPropertyName("spotify_api")] ServiceHealth SpotifyApi,
    [property: JsonPropertyName("reccobeats")] ServiceHealth ReccoBeats,
    [property: JsonPropertyName("google_sheets")] ServiceHealth GoogleSheets,
    [property: JsonPropertyName("cache")] ServiceHealth Cache,
    [property: JsonPropertyName("worker")] ServiceHealth Worker);

/// <summary><c>GET /health/details</c>: the overall status, when it was taken, each part, and the api's version.</summary>
public sealed record HealthDetails(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("timestamp")] DateTimeOffset Timestamp,
    [property: JsonPropertyName("services")] HealthDetailsServices Services,
    [property: JsonPropertyName("version")] string Version)
{
    /// <summary>
    /// The worst of the cache and the worker, which the dashboard cannot do without; the providers and the sheet make it
    /// degraded at worst, since the last good data is still served while they are away.
    /// </summary>
    public static string Overall(HealthDetailsServices services)
    {
        var core = Math.Max(HealthStates.Severity(services.Cache.State), HealthStates.Severity(services.Worker.State));
        var upstream = new[] { services.SpotifyApi, services.ReccoBeats, services.GoogleSheets }.Max(s => HealthStates.Severity(s.State));
        return Math.Max(core, Math.Min(upstream, 1)) switch
        {
            2 => HealthStates.Unhealthy,
            1 => HealthStates.Degraded,
            _ => HealthStates.Healthy,
        };
    }
}
