using System.IO.Compression;
using System.IO.Pipelines;
using System.Security.Cryptography;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace SpotifyDashboard.Api.Answers;

/// <summary>
/// An answer serialized once, as the framework would serialize it (the api's JSON options): its UTF-8 bytes and a
/// strong ETag. The tag names what it is and its data version for whoever reads it, and ends with a hash of the bytes,
/// so it changes exactly when the body does, and every replica gives the same body the same tag. An answer of
/// <see cref="CompressFrom"/> bytes or more is gzip-compressed once too, and sent so to a client that accepts gzip (the
/// web does): a class's clusters are 1.7 MB at 10,000 students and 16.5 MB at 61,000, mostly digits.
/// </summary>
public sealed class JsonAnswer
{
    public const string ContentType = "application/json; charset=utf-8";

    /// <summary>
    /// Stored but revalidated on every use: a page asks again right after a pushed change and must get the new version,
    /// which any max-age would hide; an unchanged answer costs a 304 without a body.
    /// </summary>
    public const string CacheControl = "no-cache";

    /// <summary>Smaller answers are sent as they are: compressing them saves less than it costs.</summary>
    public const int CompressFrom = 16 * 1024;

    /// <summary>Bytes per write of a body (see <see cref="WriteInSlicesAsync"/>): Kestrel's own output buffer limit.</summary>
    private const int WriteSliceBytes = 64 * 1024;

    private static readonly StringValues VaryByEncoding = "Accept-Encoding";

    private readonly EntityTagHeaderValue _tag;
    private readonly StringValues _tagHeader;
    private readonly EntityTagHeaderValue? _gzipTag;
    private readonly StringValues _gzipTagHeader;

    private JsonAnswer(byte[] body, string label)
    {
        Body = body;
        var hash = Convert.ToBase64String(SHA256.HashData(body).AsSpan(0, 12)).Replace('+', '-').Replace('/', '_');
        _tag = new EntityTagHeaderValue($"\"{label}-{hash}\"");
        _tagHeader = _tag.ToString();
        if (body.Length >= CompressFrom)
        {
            // Made here, on the build that the other requests for this version await, not on a request's thread.
            Gzipped = Gzip(body);
            // Another representation, another strong tag (RFC 9110 §8.8.3).
            _gzipTag = new EntityTagHeaderValue($"\"{label}-{hash}-gz\"");
            _gzipTagHeader = _gzipTag.ToString();
        }
    }

    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>The body gzip-compressed, for answers of <see cref="CompressFrom"/> bytes or more.</summary>
    public ReadOnlyMemory<byte>? Gzipped { get; }

    /// <param name="label">What it is and of which version, e.g. <c>clusters-v12</c>: letters, digits and dashes.</param>
    public static JsonAnswer Of<T>(T value, JsonSerializerOptions options, string label)
    {
        // Into pooled segments, then one copy of the exact size (see SegmentedBufferWriter); the writer takes the
        // options' formatting, so the bytes are the ones SerializeToUtf8Bytes would make.
        using var buffer = new SegmentedBufferWriter();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions(options)))
        {
            JsonSerializer.Serialize(writer, value, options.GetTypeInfo(typeof(T)));
        }

        return new(buffer.ToArray(), label);
    }

    private static JsonWriterOptions WriterOptions(JsonSerializerOptions options) => new()
    {
        Encoder = options.Encoder,
        Indented = options.WriteIndented,
        IndentCharacter = options.IndentCharacter,
        IndentSize = options.IndentSize,
        NewLine = options.NewLine,
        MaxDepth = options.MaxDepth,
        SkipValidation = true,
    };

    /// <summary>
    /// 200 with the bytes (gzip-compressed when the answer is large and the client accepts it), or 304 without a body when
    /// <c>If-None-Match</c> names this version in either encoding.
    /// </summary>
    public Task WriteAsync(HttpContext context)
    {
        var response = context.Response;
        var gzip = Gzipped is { } gzipped && AcceptsGzip(context.Request.Headers.AcceptEncoding);
        response.Headers.ETag = gzip ? _gzipTagHeader : _tagHeader;
        response.Headers.CacheControl = CacheControl;
        response.Headers.Vary = Gzipped is null ? default : VaryByEncoding;

        if (Matches(context.Request.Headers.IfNoneMatch))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        var body = gzip ? Gzipped!.Value : Body;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.Headers.ContentEncoding = gzip ? "gzip" : default;
        response.ContentLength = body.Length;
        return WriteInSlicesAsync(response.BodyWriter, body, context.RequestAborted);
    }

    /// <summary>
    /// Kestrel copies a write into its pooled output blocks whole before it waits for the client, so one write of the
    /// 2.6 MB clusters answer (10,000 students) holds 2.6 MB of blocks per request in flight, and the pool keeps them
    /// long after (≈ 29 MB in the api after a read load). Written a slice at a time, each flush waits until the socket has taken
    /// the previous ones, so a slow or busy client holds a few slices, not the whole answer.
    /// </summary>
    private static async Task WriteInSlicesAsync(PipeWriter writer, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        for (var offset = 0; offset < body.Length; offset += WriteSliceBytes)
        {
            var slice = body.Slice(offset, Math.Min(WriteSliceBytes, body.Length - offset));
            var flushed = await writer.WriteAsync(slice, cancellationToken);
            if (flushed.IsCanceled || flushed.IsCompleted)
            {
                return;
            }
        }
    }

    private static byte[] Gzip(byte[] body)
    {
        using var compressed = new MemoryStream(body.Length / 4);
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(body);
        }

        return compressed.ToArray();
    }

    /// <summary>gzip (or <c>*</c>) listed with a quality above zero.</summary>
    private static bool AcceptsGzip(StringValues acceptEncoding) =>
        !StringValues.IsNullOrEmpty(acceptEncoding)
        && StringWithQualityHeaderValue.TryParseList(acceptEncoding, out var codings)
        && codings.Any(coding =>
            (coding.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase) || coding.Value.Equals("*", StringComparison.Ordinal))
            && (coding.Quality ?? 1) > 0);

    /// <summary>If-None-Match compares weakly (RFC 9110 §13.1.2): a W/ copy of our tag matches too, and so does <c>*</c>.</summary>
    private bool Matches(StringValues ifNoneMatch) =>
        !StringValues.IsNullOrEmpty(ifNoneMatch)
        && EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags)
        && tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(_tag, useStrongComparison: false)
            || (_gzipTag is not null && tag.Compare(_gzipTag, useStrongComparison: false)));
}
