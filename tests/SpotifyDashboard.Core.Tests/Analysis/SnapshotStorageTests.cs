using System.Text.Json;
using SpotifyDashboard.Core.Analysis;
using SpotifyDashboard.Core.Storage;

namespace SpotifyDashboard.Core.Tests.Analysis;

/// <summary>What a snapshot looks like in the cache, in a real Garnet: gzip-compressed JSON, and older plain JSON still read.</summary>
public class SnapshotStorageTests(GarnetFixture garnet) : IClassFixture<GarnetFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 10, 1, 12, 0, 0, TimeSpan.Zero);

    public sealed record Point(string Id, string Label, double X, double Y, double Z, double[] Standardized);

    [Fact]
    public async Task ASnapshotIsStoredGzippedAndReadsBackWhole()
    {
        await garnet.FlushAsync();
        var store = new SnapshotStore(garnet.Redis);
        var points = Enumerable.Range(0, 3_000)
            .Select(i => new Point($"demo-{i:D6}", $"Major <{i % 9}> & \"co\"", i * 0.001, -i * 0.002, Math.Sin(i), [.. Enumerable.Range(0, 13).Select(f => Math.Cos(i + f))]))
            .ToList();

        var pointer = await store.SaveAsync("demo", "fp", points, Now, TimeSpan.FromHours(1));

        byte[] stored = (await garnet.Redis.GetDatabase().StringGetAsync(RedisKeys.Snapshot(pointer.Version)))!;
        var json = JsonSerializer.SerializeToUtf8Bytes(new StoredSnapshot<List<Point>>(pointer.Version, "demo", "fp", Now, points), DashboardJson.Options);
        Assert.True(SnapshotCodec.IsGzip(stored), "The stored value does not start with gzip's magic bytes.");
        Assert.True(stored.Length < json.Length / 2, $"{stored.Length} bytes stored for {json.Length} bytes of JSON.");

        var read = await store.GetCurrentAsync<List<Point>>();
        Assert.NotNull(read);
        Assert.Equal(pointer.Version, read.Version);
        Assert.Equal(points.Count, read.Snapshot.Count);
        Assert.Equal(points[^1].Label, read.Snapshot[^1].Label);
        Assert.Equal(points[1234].Standardized, read.Snapshot[1234].Standardized);
    }

    [Fact]
    public async Task ASnapshotWrittenAsPlainJsonBeforeCompressionStillReads()
    {
        await garnet.FlushAsync();
        var db = garnet.Redis.GetDatabase();
        var older = new StoredSnapshot<string>(7, "demo", "fp-old", Now, "an analysis from before");
        await db.StringSetAsync(RedisKeys.Snapshot(7), JsonSerializer.Serialize(older, DashboardJson.Options));
        await db.StringSetAsync(RedisKeys.SnapshotCurrent, JsonSerializer.Serialize(older.ToPointer(), DashboardJson.Options));

        var read = await new SnapshotStore(garnet.Redis).GetCurrentAsync<string>();

        Assert.NotNull(read);
        Assert.Equal("an analysis from before", read.Snapshot);
        Assert.Equal("fp-old", read.Fingerprint);
    }

    [Fact]
    public void AStoredValueThatIsNeitherJsonNorGzipIsAnErrorNotAnEmptySnapshot()
    {
        Assert.ThrowsAny<JsonException>(() => SnapshotCodec.Decode<StoredSnapshot<string>>("not a snapshot"u8.ToArray()));
    }
}
