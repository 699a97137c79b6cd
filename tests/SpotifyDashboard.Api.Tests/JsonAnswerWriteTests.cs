using System.IO.Compression;
using Microsoft.AspNetCore.Http;
using SpotifyDashboard.Api.Answers;

namespace SpotifyDashboard.Api.Tests;

/// <summary>An answer many write slices long arrives whole, in either encoding.</summary>
public class JsonAnswerWriteTests
{
    // About 600 KB of JSON: several slices (and serialization segments) and a short last one.
    private static readonly List<Row> Rows = [.. Enumerable.Range(0, 12_345).Select(i => new Row($"row-{i}", $"Song \"{i}\" <b> Beyoncé 🎵", i / 7.0))];

    private static readonly JsonAnswer Answer = JsonAnswer.Of(Rows, JsonSerializerOptions.Web, "rows-v1");

    public sealed record Row(string Id, string Song, double Value);

    [Fact]
    public void TheBodyIsTheBytesTheSerializerMakesWithTheSameOptions()
    {
        var indented = new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true, IndentSize = 3 };
        var tooLongForASegment = new Row("long", new string('ü', 3 * SegmentedBufferWriter.SegmentBytes), 1);

        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(Rows, JsonSerializerOptions.Web), Answer.Body.ToArray());
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(Rows, indented), JsonAnswer.Of(Rows, indented, "rows-v1").Body.ToArray());
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(tooLongForASegment, JsonSerializerOptions.Web), JsonAnswer.Of(tooLongForASegment, JsonSerializerOptions.Web, "long-v1").Body.ToArray());
    }

    [Fact]
    public async Task ALargeBodyIsWrittenWholeAndInOrder()
    {
        var (context, body) = Request(acceptEncoding: null);

        await Answer.WriteAsync(context);

        Assert.True(Answer.Body.Length > 8 * 64 * 1024, $"The answer is only {Answer.Body.Length} bytes.");
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        Assert.Equal(Answer.Body.Length, context.Response.ContentLength);
        Assert.Equal(Answer.Body.ToArray(), body.ToArray());
    }

    [Fact]
    public async Task AGzippedBodyIsWrittenWholeAndUnpacksToTheSameBytes()
    {
        var (context, body) = Request(acceptEncoding: "gzip");

        await Answer.WriteAsync(context);

        Assert.Equal("gzip", context.Response.Headers.ContentEncoding);
        Assert.Equal(Answer.Gzipped!.Value.ToArray(), body.ToArray());
        using var unpacked = new MemoryStream();
        body.Position = 0;
        using (var gzip = new GZipStream(body, CompressionMode.Decompress, leaveOpen: true))
        {
            await gzip.CopyToAsync(unpacked);
        }

        Assert.Equal(Answer.Body.ToArray(), unpacked.ToArray());
    }

    private static (DefaultHttpContext Context, MemoryStream Body) Request(string? acceptEncoding)
    {
        var body = new MemoryStream();
        var context = new DefaultHttpContext();
        context.Response.Body = body;
        if (acceptEncoding is not null)
        {
            context.Request.Headers.AcceptEncoding = acceptEncoding;
        }

        return (context, body);
    }
}
