using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace SpotifyDashboard.Core.Telemetry;

/// <summary>The caches whose hit rate <c>cache_hit_rate</c> reports, as its <c>tier</c> tag names them.</summary>
public static class CacheTiers
{
    /// <summary>The song cache's memory layer (HybridCache's local cache): lookups it answered itself.</summary>
    public const string SongsMemory = "songs_memory";

    /// <summary>The song cache's Redis layer (<c>sd:track:*</c>): of the lookups memory could not answer, those Redis could.</summary>
    public const string SongsRedis = "songs_redis";

    /// <summary>The api's analysis snapshot in memory: requests served without waiting for Redis.</summary>
    public const string ApiSnapshot = "api_snapshot";

    /// <summary>The api's copy of the class's answers in memory: requests served without waiting for Redis.</summary>
    public const string ApiClassData = "api_class_data";
}

/// <summary>
/// Meter <c>SpotifyDashboard.Cache</c>: gauge <c>cache_hit_rate</c>, hits as a share of lookups (0–1) over the last
/// <see cref="Window"/>, one measurement per <c>tier</c> that had lookups in that window (a tier nobody asked has no
/// rate, rather than a made-up 0 or 1).
/// </summary>
public sealed class CacheHitTelemetry
{
    public const string MeterName = "SpotifyDashboard.Cache";
    public const string HitRateInstrument = "cache_hit_rate";

    /// <summary>Long enough for a quiet class's few lookups to show, short enough to see a cold cache recover.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, RecentCounts> _tiers = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public CacheHitTelemetry(IMeterFactory meterFactory, TimeProvider time)
    {
        _time = time;
        meterFactory.Create(MeterName).CreateObservableGauge(
            HitRateInstrument,
            Observe,
            unit: null,
            description: "Cache hits as a share of lookups (0-1) over the last 5 minutes, by cache tier");
    }

    public void Lookup(string tier, bool hit) =>
        _tiers.GetOrAdd(tier, _ => new RecentCounts(Window, _time)).Add(marked: hit);

    /// <summary>The rate of one tier now, or null when it had no lookup in the window.</summary>
    public double? HitRate(string tier) => _tiers.TryGetValue(tier, out var counts) ? counts.Ratio() : null;

    private IEnumerable<Measurement<double>> Observe()
    {
        foreach (var (tier, counts) in _tiers)
        {
            if (counts.Ratio() is { } rate)
            {
                yield return new Measurement<double>(rate, new KeyValuePair<string, object?>("tier", tier));
            }
        }
    }
}
