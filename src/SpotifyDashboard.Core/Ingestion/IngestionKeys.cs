using SpotifyDashboard.Core.Storage;

namespace SpotifyDashboard.Core.Ingestion;

/// <summary>Keys the ingestion adds next to <see cref="RedisKeys"/> (the ingestion's own keys, beside the shared ones).</summary>
public static class IngestionKeys
{
    /// <summary>String: the header mapping found on the last read of the source, for <c>/api/status</c>.</summary>
    public static string Columns(string source) => $"{RedisKeys.Prefix}source:{source}:columns";
}
