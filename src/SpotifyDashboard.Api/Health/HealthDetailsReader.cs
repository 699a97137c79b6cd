using SpotifyDashboard.Enrichment.Options;
using SpotifyDashboard.Enrichment.Providers;
using SpotifyDashboard.Enrichment.Providers.Spotify;
using SpotifyDashboard.Enrichment.Status;
using SpotifyDashboard.ServiceDefaults.Telemetry;

namespace SpotifyDashboard.Api.Health;

/// <summary>
/// Builds <c>/health/details</c> from what is already known, never by calling an upstream: a ping of the cache; the
/// worker's lock there (<see cref="RedisKeys.WorkerLock"/>, which a live leader keeps renewing and which expires when it
/// stops); the provider states the worker saves after each enrichment pass; the active survey source's read status (the
/// sheet's own part, and the worker's ingest duty for any source); the api's own settings. Reasons are fixed phrases filled with states and times only: the errors behind them, which may name
/// sheets, accounts or URLs, stay in the logs and the teacher's pages.
/// </summary>
public sealed partial class HealthDetailsReader(
    IConnectionMultiplexer redis,
    ProviderStatusStore providers,
    SourceStatusStore sources,
    ActiveSource activeSource,
    IOptionsMonitor<SpotifyOptions> spotify,
    IOptions<SurveyOptions> survey,
    ServiceIdentity identity,
    TimeProvider time,
    ILogger<HealthDetailsReader> logger)
{
    /// <summary>A cache that takes longer than this counts as not answering: the page is for when things go wrong.</summary>
    public static readonly TimeSpan CacheTimeout = TimeSpan.FromSeconds(2);

    private const string CacheDown = "the cache does not answer, so nothing is known";

    private const string NotUsedByTheDemo = "not used: the demo class's songs carry their own features";

    public async Task<HealthDetails> ReadAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var active = await activeSource.GetAsync(cancellationToken);
        var stored = await ReadStoreAsync(active);
        var services = new HealthDetailsServices(
            Spotify(stored, active, now),
            Provider(stored, ProviderNames.ReccoBeats, active, now),
            Sheet(stored, active, now),
            stored is null
                ? new(HealthStates.Unhealthy, "does not answer")
                : new(HealthStates.Healthy, $"answers ({(int)Math.Ceiling(stored.PingTime.TotalMilliseconds)} ms)"),
            Worker(stored, active));
        return new HealthDetails(HealthDetails.Overall(services), now, services, identity.Version);
    }

    private ServiceHealth Spotify(StoredState? stored, ActiveSourceState active, DateTimeOffset now) =>
        spotify.CurrentValue.HasCredentials ? Provider(stored, ProviderNames.Spotify, active, now)
        : active.Kind == SurveySourceKind.Demo ? new(HealthStates.NotConfigured, NotUsedByTheDemo)
        : new(HealthStates.NotConfigured, "no Spotify client credentials are set; songs wait as pending");

    private static ServiceHealth Provider(StoredState? stored, string name, ActiveSourceState active, DateTimeOffset now) =>
        stored is null ? new(HealthStates.Unknown, CacheDown) : FromProvider(stored.Provider(name, now), active);

    private static ServiceHealth FromProvider(ProviderStatus? status, ActiveSourceState active) => status switch
    {
        // The demo class's fictional songs carry their own features: no call is made, and that is not a fault.
        null when active.Kind == SurveySourceKind.Demo => new(HealthStates.NotConfigured, NotUsedByTheDemo),
        null => new(HealthStates.Unknown, "the worker has reported no call yet"),
        { State: ProviderState.Ok } => new(HealthStates.Healthy, "answering"),
        { State: ProviderState.Cooldown } => new(HealthStates.Degraded, $"rate-limited: calls wait until {Clock(status.Until)}"),
        { State: ProviderState.BreakerOpen } => new(HealthStates.Degraded, $"failing: calls are paused until {Clock(status.Until)}"),
        // Only Spotify refuses an app as a whole; its known messages are fixed phrases, anything else is named generically.
        { State: ProviderState.Refused } => new(
            HealthStates.Unhealthy,
            $"refused by Spotify: {SpotifyRefusal.Public(status.LastError)}; songs wait as pending, and Spotify is asked again at {Clock(status.Until)}"),
        { LastError: EnrichmentReasons.NoCredentials } => new(HealthStates.NotConfigured, "the worker has no Spotify client credentials; songs wait as pending"),
        _ => new(HealthStates.Unhealthy, "refuses our calls; songs wait as pending"),
    };

    private ServiceHealth Sheet(StoredState? stored, ActiveSourceState active, DateTimeOffset now)
    {
        // A few missed polls are a hiccup; more mean the worker stopped reading it.
        var expected = TimeSpan.FromTicks(Math.Max(survey.Value.PollInterval.Ticks * 3, TimeSpan.FromMinutes(2).Ticks));
        return (active.Kind, stored?.Source) switch
        {
            (not SurveySourceKind.GoogleSheet, _) => new(HealthStates.NotConfigured, $"the active survey source is {active.StorageName}"),
            _ when stored is null => new(HealthStates.Unknown, CacheDown),
            (_, not { LastReadAt: not null }) => new(HealthStates.Unknown, "not read yet"),
            (_, { Error: not null, LastReadAt: { } readAt }) => new(HealthStates.Degraded, $"the last read failed; the answers read at {Clock(readAt)} are served"),
            (_, { LastReadAt: { } readAt }) when now - readAt > expected => new(HealthStates.Degraded, $"not read since {Clock(readAt)}"),
            (_, { LastReadAt: var readAt }) => new(HealthStates.Healthy, $"read at {Clock(readAt)}"),
        };
    }

    /// <summary>Degraded while the worker cannot read the active source: it keeps polling, and the last good answers are served.</summary>
    private static ServiceHealth Worker(StoredState? stored, ActiveSourceState active) => stored switch
    {
        null => new(HealthStates.Unknown, CacheDown),
        { WorkerLockExpiry: null } => new(HealthStates.Unhealthy, "no worker replica holds the lock: nothing new is read, enriched or analysed"),
        { Source: { Error: not null, LastReadAt: { } readAt } } => new(HealthStates.Degraded,
            $"the survey source ({active.StorageName}) could not be read at the last poll; the answers read at {Clock(readAt)} are served (the sources page says why)"),
        { Source.Error: not null } => new(HealthStates.Degraded,
            $"the survey source ({active.StorageName}) could not be read yet; no answers are served from it (the sources page says why)"),
        _ => new(HealthStates.Healthy, "a worker replica holds the lock and renews it"),
    };

    private static string Clock(DateTimeOffset? at) =>
        at is { } value ? value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : "further notice";

    /// <summary>What the cache holds about the others, or null when it does not answer (within <see cref="CacheTimeout"/>).</summary>
    private async Task<StoredState?> ReadStoreAsync(ActiveSourceState active)
    {
        try
        {
            var db = redis.GetDatabase();
            var ping = await db.PingAsync().WaitAsync(CacheTimeout);
            var lockExpiry = db.KeyTimeToLiveAsync(RedisKeys.WorkerLock);
            var providerStates = providers.GetAllAsync();
            // The demo class is generated, not read: it has no read to fail.
            var source = active.Kind == SurveySourceKind.Demo ? Task.FromResult<SourceStatus?>(null) : sources.GetAsync(active.StorageName);
            await Task.WhenAll(lockExpiry, providerStates, source).WaitAsync(CacheTimeout);
            return new StoredState(ping, await lockExpiry, await providerStates, await source);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogCacheDown(ex.GetType().Name);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Health details: the cache does not answer ({Failure})")]
    private partial void LogCacheDown(string failure);

    private sealed record StoredState(TimeSpan PingTime, TimeSpan? WorkerLockExpiry, IReadOnlyList<ProviderStatus> Providers, SourceStatus? Source)
    {
        public ProviderStatus? Provider(string name, DateTimeOffset now) => Providers.FirstOrDefault(p => p.Name == name)?.AsOf(now);
    }
}
