using System.Globalization;
using Garnet;
using SpotifyDashboard.CacheHost;
using StackExchange.Redis;

namespace SpotifyDashboard.CacheHost.Tests;

/// <summary>A data folder keeps the Garnet sizes it was written with; new ones get the small sizes.</summary>
public sealed class GarnetSizesTests : IDisposable
{
    private readonly string _data = Path.Combine(Directory.CreateTempSubdirectory("sd-garnet-sizes-").FullName, "garnet");
    private readonly int _port = LoopbackPort.Free();

    [Fact]
    public void ANewFolderGetsTheSmallSizesAndKeepsThem()
    {
        Assert.Equal(GarnetSizes.Small, GarnetSizes.ForDataFolder(_data));
        Assert.True(File.Exists(Path.Combine(_data, GarnetSizes.MarkerFile)));
        Directory.CreateDirectory(Path.Combine(_data, "AOF")); // data written since
        Assert.Equal(GarnetSizes.Small, GarnetSizes.ForDataFolder(_data));
    }

    [Fact]
    public void AFolderWithDataAndNoMarkerKeepsGarnetsOwnSizes()
    {
        Directory.CreateDirectory(Path.Combine(_data, "AOF"));
        Assert.Empty(GarnetSizes.ForDataFolder(_data));
        Assert.False(File.Exists(Path.Combine(_data, GarnetSizes.MarkerFile)));
    }

    [Theory]
    [InlineData("""{"Arguments":["--checkpointdir","/elsewhere"]}""")]
    [InlineData("""{"Arguments":["--page"]}""")]
    [InlineData("""{"Arguments":["--page","1m; rm"]}""")]
    [InlineData("not json")]
    public void AMarkerThatIsNotOursIsRefusedWithItsPath(string marker)
    {
        Directory.CreateDirectory(_data);
        File.WriteAllText(Path.Combine(_data, GarnetSizes.MarkerFile), marker);
        var error = Assert.Throws<InvalidDataException>(() => GarnetSizes.ForDataFolder(_data));
        Assert.Contains(GarnetSizes.MarkerFile, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFolderWrittenWithGarnetsOwnSizesRecoversItsCheckpointAndItsAppendOnlyFile()
    {
        // As the app wrote data folders before the sizes were fixed per folder: Garnet's own sizes, no marker.
        Directory.CreateDirectory(_data);
        string[] legacy =
        [
            "--bind", "127.0.0.1", "--port", _port.ToString(CultureInfo.InvariantCulture), "--lua", "false", "--device-type", "RandomAccess",
            "--checkpointdir", _data, "--aof", "--aof-commit-freq", "0", "--recover",
        ];
        var big = new byte[3 * 1024 * 1024];
        Random.Shared.NextBytes(big);
        using (var server = new GarnetServer(legacy))
        {
            server.Start();
            await using var redis = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{_port}");
            var db = redis.GetDatabase();
            await db.HashSetAsync("sd:overrides", [.. Enumerable.Range(0, 500).Select(i => new HashEntry($"song-{i}", $"track-{i}"))]);
            await db.StringSetAsync("sd:snapshot:1", big);
            Assert.Equal("OK", (await db.ExecuteAsync("SAVE")).ToString());
            await db.StringSetAsync("sd:after-checkpoint", "kept by the append-only file");
            // The commit issued after that write finishes a moment after its reply (one CI run disposed the server
            // first and recovered without it): wait for it, as a clean stop of the old app's server would have.
            await server.Store.CommitAOFAsync(CancellationToken.None);
        }

        using var restarted = new GarnetServer(GarnetArguments.For("127.0.0.1", _port, dataPath: _data));
        restarted.Start();
        await using var again = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{_port}");
        var read = again.GetDatabase();
        Assert.Equal(500, await read.HashLengthAsync("sd:overrides"));
        Assert.Equal("track-499", await read.HashGetAsync("sd:overrides", "song-499"));
        Assert.Equal(big, (byte[]?)await read.StringGetAsync("sd:snapshot:1"));
        Assert.Equal("kept by the append-only file", await read.StringGetAsync("sd:after-checkpoint"));
    }

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_data)!, recursive: true);
}
