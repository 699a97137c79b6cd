using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text.Json;
using SpotifyDashboard.Core.Storage;

namespace SpotifyDashboard.Core.Analysis;

/// <summary>
/// How a snapshot is stored: its JSON, gzip-compressed. At 10,000 answers the JSON is 4.4 MB, mostly digits, and gzip
/// makes it about a quarter of that. Every copy of it is smaller then: the cache's own (in memory and in its
/// append-only file), the buffers the cache grows to take and send one value (kept per connection), and the api's and
/// worker's reads. Serialized straight into the compressor and read straight out of it, so no service holds the
/// whole JSON as one string. Snapshots written before it (plain JSON, starting with <c>{</c>) still read.
/// </summary>
public static class SnapshotCodec
{
    private const byte GzipFirstByte = 0x1f;
    private const byte GzipSecondByte = 0x8b;

    public static byte[] Encode<T>(T value)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            JsonSerializer.Serialize(gzip, value, DashboardJson.Options);
        }

        return compressed.ToArray();
    }

    public static T? Decode<T>(ReadOnlyMemory<byte> stored)
    {
        using var bytes = AsStream(stored);
        if (!IsGzip(stored.Span))
        {
            return JsonSerializer.Deserialize<T>(bytes, DashboardJson.Options);
        }

        using var gzip = new GZipStream(bytes, CompressionMode.Decompress);
        return JsonSerializer.Deserialize<T>(gzip, DashboardJson.Options);
    }

    public static bool IsGzip(ReadOnlySpan<byte> stored) =>
        stored.Length >= 2 && stored[0] == GzipFirstByte && stored[1] == GzipSecondByte;

    private static MemoryStream AsStream(ReadOnlyMemory<byte> bytes) =>
        MemoryMarshal.TryGetArray(bytes, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(bytes.ToArray(), writable: false);
}
