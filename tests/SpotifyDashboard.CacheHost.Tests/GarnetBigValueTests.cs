using Garnet;
using SpotifyDashboard.CacheHost;
using StackExchange.Redis;

namespace SpotifyDashboard.CacheHost.Tests;

/// <summary>
/// A value bigger than an append-only-file page (32 MB; the snapshot of a large class is 4.4 MB at 10,000 answers, 44 MB
/// at 100,000) is written and comes back after a crash from the append-only file alone.
/// </summary>
public sealed class GarnetBigValueTests : IDisposable
{
    private const string Snapshot = "sd:snapshot:1";

    private readonly string _data = Directory.CreateTempSubdirectory("sd-garnet-big-").FullName;
    private readonly int _port = LoopbackPort.Free();

    [Fact]
    public async Task ABigValueSurvivesACrashWithOnlyTheAppendOnlyFile()
    {
        var value = RandomBytes(48 * 1024 * 1024);
        using (var server = Start(GarnetArguments.For("127.0.0.1", _port, dataPath: _data)))
        {
            await using var redis = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{_port}");
            Assert.True(await redis.GetDatabase().StringSetAsync(Snapshot, value));
            // Disposed without a checkpoint, as a killed process leaves it.
        }

        using var restarted = Start(GarnetArguments.For("127.0.0.1", _port, dataPath: _data));
        await using var again = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{_port}");
        Assert.Equal(value, (byte[]?)await again.GetDatabase().StringGetAsync(Snapshot));
    }

    private static GarnetServer Start(string[] args)
    {
        var server = new GarnetServer(args);
        server.Start();
        return server;
    }

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);
}
