using System.Collections.Concurrent;
using SpotifyDashboard.Core.Contracts;

namespace SpotifyDashboard.Enrichment.Providers;

/// <summary>
/// What this process knows about each provider: cool-downs, open breakers, unavailability and
/// the last error. Cool-downs and open breakers end by themselves when their time has passed.
/// </summary>
public sealed class ProviderStatusRegistry(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, ProviderStatus> _states = new(StringComparer.Ordinal);

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

    /// <summary>A call went through: an ended cool-down or unavailability is over.</summary>
    public void Succeeded(string provider) => Update(provider, s => s.State is ProviderState.Cooldown or ProviderState.Unavailable
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
