using System.ComponentModel.DataAnnotations;

namespace SpotifyDashboard.CacheHost;

public sealed class GarnetHostOptions
{
    public const string SectionName = "Cache";

    /// <summary>Loopback only: the store has no password and must not be reachable from outside.</summary>
    [Required]
    public string Bind { get; set; } = "127.0.0.1";

    /// <summary>The Redis-protocol port (the AppHost allocates it and passes <c>Cache__Port</c>).</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 6379;

    /// <summary>Folder for checkpoints and the append-only file; empty keeps everything in memory only.</summary>
    public string? DataPath { get; set; }
}
