using System.Diagnostics;
using System.Diagnostics.Metrics;
using SpotifyDashboard.Enrichment.Providers;

namespace SpotifyDashboard.Enrichment.Telemetry;

/// <summary>
/// Meter and activity source <c>SpotifyDashboard.Enrichment</c> (the service defaults export every
/// <c>SpotifyDashboard.*</c>): upstream requests by provider and status, retries, breaker moves,
/// cool-downs, cache hits and misses, batch latency, and the backlog.
/// </summary>
public sealed class EnrichmentTelemetry
{
    public const string Name = "SpotifyDashboard.Enrichment";

    public static readonly ActivitySource ActivitySource = new(Name);

    private static readonly string[] ReportedProviders =
        [ProviderNames.Spotify, ProviderNames.SpotifyAccounts, ProviderNames.ReccoBeats, ProviderNames.SpotifyAudioFeatures];

    private readonly Counter<long> _requests;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _breakerTransitions;
    private readonly Counter<long> _coolDowns;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _cacheHits;
    private readonly Counter<long> _cacheMisses;
    private readonly Histogram<double> _batchDuration;
    private long _pending;
    private long _unmatched;

    public EnrichmentTelemetry(IMeterFactory meterFactory, ProviderStatusRegistry registry)
    {
        var meter = meterFactory.Create(Name);
        _requests = meter.CreateCounter<long>("enrichment.upstream.requests", "{request}", "Upstream HTTP attempts by provider and status code");
        _retries = meter.CreateCounter<long>("enrichment.upstream.retries", "{retry}", "Retries by provider");
        _breakerTransitions = meter.CreateCounter<long>("enrichment.breaker.transitions", "{transition}", "Circuit breaker moves by provider and new state");
        _coolDowns = meter.CreateCounter<long>("enrichment.cooldowns", "{cooldown}", "Cool-downs entered because Retry-After exceeded Enrichment:MaxRetryAfter");
        _errors = meter.CreateCounter<long>("enrichment.errors", "{error}", "Failed upstream calls by provider and kind (timeout, malformed-json, http-…)");
        _cacheHits = meter.CreateCounter<long>("enrichment.cache.hits", "{song}");
        _cacheMisses = meter.CreateCounter<long>("enrichment.cache.misses", "{song}");
        _batchDuration = meter.CreateHistogram<double>(
            "enrichment.batch.duration",
            "s",
            "Time to enrich one batch of songs",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300] });
        meter.CreateObservableGauge("enrichment.pending", () => Volatile.Read(ref _pending), "{response}", "Responses waiting for enrichment");
        meter.CreateObservableGauge("enrichment.unmatched", () => Volatile.Read(ref _unmatched), "{response}", "Responses whose song found no track");
        meter.CreateObservableGauge(
            "enrichment.provider.state",
            () => ReportedProviders.Select(p => new Measurement<int>((int)registry.Get(p).State, new KeyValuePair<string, object?>("provider", p))),
            description: "0 ok, 1 cooldown, 2 breaker-open, 3 unavailable");
    }

    public void Request(string provider, int status) =>
        _requests.Add(1, new("provider", provider), new("status", status));

    public void Retry(string provider) => _retries.Add(1, new KeyValuePair<string, object?>("provider", provider));

    public void BreakerMoved(string provider, string state) =>
        _breakerTransitions.Add(1, new("provider", provider), new("state", state));

    public void CoolDown(string provider) => _coolDowns.Add(1, new KeyValuePair<string, object?>("provider", provider));

    public void Error(string provider, string kind) => _errors.Add(1, new("provider", provider), new("kind", kind));

    public void CacheHit() => _cacheHits.Add(1);

    public void CacheMiss() => _cacheMisses.Add(1);

    public void BatchEnriched(TimeSpan elapsed) => _batchDuration.Record(elapsed.TotalSeconds);

    public void Backlog(long pending, long unmatched)
    {
        Volatile.Write(ref _pending, pending);
        Volatile.Write(ref _unmatched, unmatched);
    }
}
