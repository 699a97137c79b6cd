using System.Collections.Concurrent;
using SpotifyDashboard.Core.Contracts;

namespace SpotifyDashboard.Enrichment.Providers;

/// <summary>
/// What this process knows about each provider: cool-downs, open breakers, unavailability, refusal and
/// the last error. Cool-downs and open breakers end by themselves when their time has passed; a refusal ends
/// when a probe is answered.
/// </summary>
public sealed class ProviderStatusRegistry(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, ProviderStatus> _states = new(StringComparer.Ordinal);
    private readonly Lock _probes = new();

    public ProviderStatus Get(string provider) =>
        (_states.GetValueOrDefault(provider) ?? new ProviderStatus(provider, ProviderState.Ok, null, null, null)).AsOf(time.GetUtcNow());

    public IReadOnlyList<ProviderStatus> All(IEnumerable<string> providers) => [.. providers.Select(Get)];

    public bool IsCoolingDown(string provider, out DateTimeOffset until)
    {
        var status = Get(provider);
        until = status.Until ?? default;
        return status.State == ProviderState.Cooldown;
    }

    public bool IsUnavailable(string provider) => Get(provider).State == ProviderState.Unavailable;

    public void EnterCoolDown(string provider, DateTimeOffset until, string reason) =>
        Set(provider, ProviderState.Cooldown, until, reason);

    public void BreakerOpened(string provider, DateTimeOffset until, string? reason) =>
        Set(provider, ProviderState.BreakerOpen, until, reason);

    public void BreakerClosed(string provider) => Update(provider, s => s with { State = ProviderState.Ok, Until = null });

    /// <summary>Marks a provider that cannot be used (no credentials, 403), optionally until a time to look again.</summary>
    public void Unavailable(string provider, string reason, DateTimeOffset? until = null) =>
        Set(provider, ProviderState.Unavailable, until, reason);

    public bool IsRefused(string provider) => Get(provider).State == ProviderState.Refused;

    /// <summary>The provider refuses this app as a whole; calls wait for the probe at <paramref name="nextProbe"/>.</summary>
    public void Refused(string provider, string reason, DateTimeOffset nextProbe) =>
        Set(provider, ProviderState.Refused, nextProbe, reason);

    /// <summary>
    /// Whether a call may go out now: always, unless the provider refuses the app; then only once its next probe is due,
    /// and only for one caller, since claiming the probe moves the next one <paramref name="interval"/> on.
    /// </summary>
    public bool TryClaimCall(string provider, TimeSpan interval, out ProviderStatus status)
    {
        lock (_probes)
        {
            status = Get(provider);
            if (status.State != ProviderState.Refused)
            {
                return true;
            }

            var now = time.GetUtcNow();
            if (status.Until is { } due && due > now)
            {
                return false;
            }

            Update(provider, s => s with { Until = now + interval });
            return true;
        }
    }

    /// <summary>A call went through: an ended cool-down or unavailability is over, and so is a refusal.</summary>
    public void Succeeded(string provider) => Update(provider, s => s.State is ProviderState.Cooldown or ProviderState.Unavailable or ProviderState.Refused
        ? s with { State = ProviderState.Ok, Until = null }
        : s);

    public void RecordError(string provider, string error) =>
        Update(provider, s => s with { LastError = error, LastErrorAt = time.GetUtcNow() });

    private void Set(string provider, ProviderState state, DateTimeOffset? until, string? reason) =>
        Update(provider, s => s with { State = state, Until = until, LastError = reason ?? s.LastError, LastErrorAt = reason is null ? s.LastErrorAt : time.GetUtcNow() });

    private void Update(string provider, Func<ProviderStatus, ProviderStatus> change) =>
        _states.AddOrUpdate(
            provider,
            name => change(new ProviderStatus(name, ProviderState.Ok, null, null, null)),
            (_, current) => change(current));
}
