using System.Globalization;

namespace SpotifyDashboard.Core.Storage;

/// <summary>
/// The one place that says how this app starts a Garnet server (the cache host, the tests' in-process
/// server and the bench's local one all use it), so a fix to the flags reaches all three.
/// </summary>
public static class GarnetArguments
{
    /// <summary>
    /// Command-line arguments for <c>new GarnetServer(args)</c>. No Lua, and a plain .NET file device
    /// (RandomAccess): Garnet's native Linux device needs libaio, which a fresh machine may lack and
    /// whose SONAME differs between distributions. With a password every client must AUTH first. With
    /// a data folder it writes an append-only file committed on every write (<c>--aof-commit-freq 0</c>:
    /// a crash loses nothing acknowledged) and recovers from it at start. Sized for this app (<see cref="Sizes"/>).
    /// </summary>
    public static string[] For(string bind, int port, string? password = null, string? dataPath = null)
    {
        List<string> args = ["--bind", bind, "--port", port.ToString(CultureInfo.InvariantCulture), "--lua", "false", "--device-type", "RandomAccess", .. Sizes];
        if (!string.IsNullOrEmpty(password))
        {
            args.AddRange(["--auth", "Password", "--password", password]);
        }

        if (!string.IsNullOrWhiteSpace(dataPath))
        {
            args.AddRange(["--checkpointdir", dataPath, "--aof", "--aof-commit-freq", "0", "--recover"]);
        }

        return [.. args];
    }

    /// <summary>
    /// Garnet's defaults are for a large shared cache: a 128 MB hash index, 16 MB log pages and 128 MB of append-only-file
    /// buffers, pinned and mostly resident from the start (the cache host held 273 MB with a class of 10,000). This app
    /// keeps a few hundred keys (a class is one hash; each song one cache entry), and values beyond a page live on the
    /// heap, so small pages serve it as well. More keys spill into overflow buckets (checked with 1.6 million). An AOF page must be at
    /// least twice a log page; a value larger than an AOF page (the snapshot of a big class) is still written and
    /// replayed whole (checked with a 4.4 MB snapshot over 2 MB pages, and a restart from the file alone).
    /// </summary>
    private static readonly string[] Sizes = ["--index", "4m", "--page", "1m", "--aof-page-size", "4m", "--aof-memory", "8m"];
}
