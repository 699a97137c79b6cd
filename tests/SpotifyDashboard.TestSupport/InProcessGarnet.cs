using Garnet;
using SpotifyDashboard.CacheHost;
using StackExchange.Redis;

namespace SpotifyDashboard.TestSupport;

/// <summary>A real Redis-protocol server (Garnet) in this process, on a free loopback port.</summary>
public sealed class InProcessGarnet : IAsyncDisposable
{
    private readonly GarnetServer _server;
    private readonly Lazy<ConnectionMultiplexer> _redis;

    private InProcessGarnet(int port)
    {
        Port = port;
        // Password-less: only this process and its tests use it, on loopback.
        _server = new GarnetServer(GarnetArguments.For("127.0.0.1", port));
        _server.Start();
        // Connected on first use, so a caller that only hands Address to its own client opens no extra connection.
        // allowAdmin: tests flush the database between cases; code under test connects without it.
        _redis = new(() => ConnectionMultiplexer.Connect($"{Address},allowAdmin=true"));
    }

    public int Port { get; }

    /// <summary>A StackExchange.Redis configuration string (<c>127.0.0.1:port</c>), e.g. for <c>ConnectionStrings:cache</c>.</summary>
    public string Address => $"127.0.0.1:{Port}";

    /// <summary>An admin connection for the tests themselves.</summary>
    public ConnectionMultiplexer Redis => _redis.Value;

    public static InProcessGarnet Start() => new(LoopbackPort.Free());

    /// <summary>Empties the database, so a test starts from nothing.</summary>
    public Task FlushAsync() => Redis.GetServers()[0].FlushDatabaseAsync();

    public async ValueTask DisposeAsync()
    {
        if (_redis.IsValueCreated)
        {
            await _redis.Value.DisposeAsync();
        }

        _server.Dispose();
    }
}
