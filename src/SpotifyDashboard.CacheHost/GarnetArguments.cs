using System.Globalization;

namespace SpotifyDashboard.CacheHost;

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
    /// a data folder it writes an append-only file and recovers from it at start. A commit is issued after every write
    /// (<c>--aof-commit-freq 0</c>) but finishes on its own a moment after the reply, so a crash can lose the writes of
    /// that moment (every one can be read again from the survey source); a clean stop takes a checkpoint.
    /// Memory sizes per <see cref="GarnetSizes"/>: small for a new data folder or none, as written for an existing one.
    /// </summary>
    public static string[] For(string bind, int port, string? password = null, string? dataPath = null)
    {
        List<string> args = ["--bind", bind, "--port", port.ToString(CultureInfo.InvariantCulture), "--lua", "false", "--device-type", "RandomAccess"];
        if (!string.IsNullOrEmpty(password))
        {
            args.AddRange(["--auth", "Password", "--password", password]);
        }

        if (!string.IsNullOrWhiteSpace(dataPath))
        {
            args.AddRange(GarnetSizes.ForDataFolder(dataPath));
            args.AddRange(["--checkpointdir", dataPath, "--aof", "--aof-commit-freq", "0", "--recover"]);
        }
        else
        {
            args.AddRange(GarnetSizes.Small);
        }

        return [.. args];
    }
}
