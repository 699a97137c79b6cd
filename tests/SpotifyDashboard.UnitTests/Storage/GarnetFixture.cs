using System.Net;
using System.Net.Sockets;
using Garnet;
using StackExchange.Redis;

namespace SpotifyDashboard.UnitTests.Storage;

/// <summary>A real Redis-protocol server (Garnet) in this process, on a free loopback port.</summary>
public sealed class GarnetFixture : IAsyncLifetime
{
    private GarnetServer? _server;

    public ConnectionMultiplexer Redis { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var port = FreePort();
        _server = new GarnetServer(["--bind", "127.0.0.1", "--port", port.ToString(), "--lua", "false", "--device-type", "RandomAccess"]);
        _server.Start();
        // allowAdmin: tests flush the database between cases.
        Redis = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{port},allowAdmin=true");
    }

    public async Task DisposeAsync()
    {
        await Redis.DisposeAsync();
        _server?.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
