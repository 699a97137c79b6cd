using SpotifyDashboard.Core.Storage;

namespace SpotifyDashboard.Core.Analysis;

/// <summary>The analysis keys that <see cref="RedisKeys"/> does not already name.</summary>
public static class SnapshotKeys
{
    /// <summary>Counter: INCR gives the next snapshot version, so versions only grow, across worker replicas too.</summary>
    public const string VersionCounter = RedisKeys.Prefix + "snapshot:counter";
}
