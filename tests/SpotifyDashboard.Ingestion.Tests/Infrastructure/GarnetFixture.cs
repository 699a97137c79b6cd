using System.Net;
using System.Net.Sockets;
using Garnet;
using StackExchange.Redis;

namespace SpotifyDashboard.Ingestion.Tests.Infrastructure;

/// <summary>A real Redis-protocol server (Garnet) in this process, on a free loopback port, shared by the "redis" collection.</summary>
public sealed class GarnetFixture : IAsyncLifetime
{
    private GarnetServer? _server;

    public ConnectionMultiplexer Redis { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var port = FreePort();
        _server = new GarnetServer(["--bind", "127.0.0.1", "--port", port.ToString(), "--lua", "false", "--device-type", "RandomAccess"]);
        _server.Start();
        // allowAdmin: each test starts from an empty database.
        Redis = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{port},allowAdmin=true");
    }

    public Task FlushAsync() => Redis.GetServers()[0].FlushDatabaseAsync();

    public async Task DisposeAsync()
    {
        await Redis.DisposeAsync();
        _server?.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<GarnetFixture>
{
    public const string Name = "redis";
}
