using System.ComponentModel.DataAnnotations;

namespace SpotifyDashboard.CacheHost;

public sealed class GarnetHostOptions
{
    public const string SectionName = "Cache";

    /// <summary>Loopback by default; any other address needs <see cref="AllowRemote"/> and a password.</summary>
    [Required]
    public string Bind { get; set; } = "127.0.0.1";

    /// <summary>The Redis-protocol port (the AppHost allocates it and passes <c>Cache__Port</c>).</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 6379;

    /// <summary>Folder for checkpoints and the append-only file; empty keeps everything in memory only.</summary>
    public string? DataPath { get; set; }

    /// <summary>
    /// What every client must send with AUTH: the AppHost passes its secret parameter <c>cache-password</c>
    /// as <c>Cache__Password</c>. Empty leaves the store open to any local process (a warning says so).
    /// </summary>
    public string? Password { get; set; }

    /// <summary>Lets <see cref="Bind"/> be an address other machines can reach (<c>Cache:AllowRemote=true</c>).</summary>
    public bool AllowRemote { get; set; }
}
