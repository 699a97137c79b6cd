using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Core.Contracts;

namespace SpotifyDashboard.Enrichment.Status;

/// <summary>The Redis keys enrichment adds beside <see cref="RedisKeys"/> (same <c>sd:</c> prefix).</summary>
public static class EnrichmentKeys
{
    /// <summary>
    /// Prefix of the track cache entries. HybridCache's Redis layer stores song <c>key</c> under
    /// <c>sd:track:{key}</c>, the same name as <see cref="RedisKeys.Track"/>.
    /// </summary>
    public const string TrackCachePrefix = RedisKeys.Prefix + "track:";

    /// <summary>Hash: provider name → <c>ProviderStatus</c> JSON, written by the worker, read by the api.</summary>
    public const string Providers = RedisKeys.Prefix + "enrichment:providers";

    /// <summary>Hash: song key → <c>SongOverride</c> JSON, written by the api, applied by the worker.</summary>
    public const string Overrides = RedisKeys.Prefix + "enrichment:overrides";
}
