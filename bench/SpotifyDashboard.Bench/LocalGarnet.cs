using System.Net;
using System.Net.Sockets;
using Garnet;
using SpotifyDashboard.CacheHost;

namespace SpotifyDashboard.Bench;

/// <summary>
/// A Garnet server inside the bench process, on a free loopback port, for benchmarks run with
/// <c>--redis local</c> (the default of <c>enrich</c>). Its memory then counts in the bench's peak.
/// </summary>
public sealed class LocalGarnet : IDisposable
{
    public const string Keyword = "local";

    private readonly GarnetServer _server;

    private LocalGarnet(int port)
    {
        _server = new GarnetServer(GarnetArguments.For("127.0.0.1", port));
        _server.Start();
        Address = $"127.0.0.1:{port}";
    }

    public string Address { get; }

    /// <summary>Starts a local server when <paramref name="redisOption"/> is <c>local</c>; otherwise null (use the given address).</summary>
    public static LocalGarnet? StartIfAsked(string? redisOption) =>
        string.Equals(redisOption, Keyword, StringComparison.OrdinalIgnoreCase) ? new LocalGarnet(FreePort()) : null;

    public void Dispose() => _server.Dispose();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
