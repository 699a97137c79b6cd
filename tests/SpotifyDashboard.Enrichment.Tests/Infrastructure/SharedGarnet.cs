using System.Net;
using System.Net.Sockets;
using Garnet;

namespace SpotifyDashboard.Enrichment.Tests.Infrastructure;

/// <summary>
/// One real Redis-protocol server (Garnet) for the whole test run, on a free loopback port.
/// Tests keep apart by using songs of their own (unique titles give unique cache keys).
/// </summary>
public static class SharedGarnet
{
    private static readonly Lazy<string> Server = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>A StackExchange.Redis configuration string for the shared server.</summary>
    public static string Configuration => Server.Value;

    private static string Start()
    {
        var port = FreePort();
        var server = new GarnetServer(["--bind", "127.0.0.1", "--port", port.ToString(), "--lua", "false", "--device-type", "RandomAccess"]);
        server.Start();
        // Lives until the test process ends; Garnet has no work left to flush.
        return $"127.0.0.1:{port}";
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
