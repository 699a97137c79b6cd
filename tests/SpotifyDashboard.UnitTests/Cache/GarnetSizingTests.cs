using System.Net;
using System.Net.Sockets;
using Garnet;
using SpotifyDashboard.Core.Storage;
using StackExchange.Redis;

namespace SpotifyDashboard.UnitTests.Cache;

/// <summary>
/// The small buffers <see cref="GarnetArguments"/> gives Garnet, and what they must not cost: a value larger than an
/// append-only-file page (a big class's snapshot) is stored, and comes back after a crash from the file alone.
/// </summary>
public sealed class GarnetSizingTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("sd-garnet-sizing-").FullName;

    [Fact]
    public async Task AValueLargerThanAnAofPageSurvivesACrashAndTheBuffersAreSmall()
    {
        var port = FreePort();
        var value = new byte[6 * 1024 * 1024]; // the AOF page is 4 MB
        Random.Shared.NextBytes(value);

        using (var server = new GarnetServer(GarnetArguments.For("127.0.0.1", port, dataPath: _data)))
        {
            server.Start();
            await using var redis = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{port}");
            Assert.True(await redis.GetDatabase().StringSetAsync("sd:snapshot:1", value));

            var store = (string?)await redis.GetDatabase().ExecuteAsync("INFO", "store") ?? "";
            var memory = (string?)await redis.GetDatabase().ExecuteAsync("INFO", "memory") ?? "";
            Assert.Equal(1024 * 1024, Info(store, "Log.PageSizeBytes"));
            Assert.Equal(4 * 1024 * 1024, Info(store, "IndexMemorySizeBytes"));
            Assert.Equal(8 * 1024 * 1024, Info(memory, "aof_memory_size"));
            // Disposed without a checkpoint, as a killed process would leave it: only the append-only file has the value.
        }

        using var restarted = new GarnetServer(GarnetArguments.For("127.0.0.1", port, dataPath: _data));
        restarted.Start();
        await using var again = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{port}");
        byte[]? recovered = await again.GetDatabase().StringGetAsync("sd:snapshot:1");
        Assert.Equal(value, recovered);
    }

    private static long Info(string section, string field) =>
        long.Parse(section.Split('\n').Select(line => line.Trim()).Single(line => line.StartsWith(field + ":", StringComparison.Ordinal))[(field.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);
}
