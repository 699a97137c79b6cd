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
    /// a crash loses nothing acknowledged) and recovers from it at start.
    /// Garnet's own sizes (16 MB log pages, a 128 MB index, 128 MB of AOF buffers) are kept on purpose: smaller pages cut
    /// the cache host's memory by ≈ 50 MB at 10,000 answers, but a data folder the dev app had written for hours with
    /// 16 MB pages did not recover with 1 MB ones ("record exceeded page"; every read of its objects then failed), and a
    /// teacher's overrides live only here. A smaller index and fewer AOF buffers alone measured no better.
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
            args.AddRange(["--checkpointdir", dataPath, "--aof", "--aof-commit-freq", "0", "--recover"]);
        }

        return [.. args];
    }
}
