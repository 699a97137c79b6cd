using System.Net;
using System.Net.Sockets;
using Garnet;
using StackExchange.Redis;

namespace SpotifyDashboard.Api.Tests;

/// <summary>A real Redis-protocol server (Garnet) in this process, on a free loopback port, for one test class.</summary>
public class GarnetServerFixture : IAsyncLifetime
{
    private GarnetServer? _server;

    public ConnectionMultiplexer Redis { get; private set; } = null!;

    /// <summary>What the api gets as <c>ConnectionStrings:cache</c>.</summary>
    public string ConnectionString { get; private set; } = "";

    public virtual async Task InitializeAsync()
    {
        var port = FreePort();
        _server = new GarnetServer(["--bind", "127.0.0.1", "--port", port.ToString(), "--lua", "false", "--device-type", "RandomAccess"]);
        _server.Start();
        ConnectionString = $"127.0.0.1:{port}";
        // allowAdmin: tests flush the database; the api itself connects without it.
        Redis = await ConnectionMultiplexer.ConnectAsync($"{ConnectionString},allowAdmin=true");
    }

    public virtual async Task DisposeAsync()
    {
        await Redis.DisposeAsync();
        _server?.Dispose();
    }

    public Task FlushAsync() => Redis.GetServers()[0].FlushDatabaseAsync();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
