using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace SpotifyDashboard.Api.Infrastructure;

/// <summary>
/// An answer serialized once, as the framework would serialize it (the api's JSON options): its UTF-8 bytes and a
/// strong ETag. The tag names what it is and its data version for whoever reads it, and ends with a hash of the bytes,
/// so it changes exactly when the body does, and every replica gives the same body the same tag.
/// </summary>
public sealed class PreparedJson
{
    public const string ContentType = "application/json; charset=utf-8";

    /// <summary>
    /// Stored but revalidated on every use: a page asks again right after a pushed change and must get the new version,
    /// which any max-age would hide; an unchanged answer costs a 304 without a body.
    /// </summary>
    public const string CacheControl = "no-cache";

    private readonly EntityTagHeaderValue _tag;
    private readonly StringValues _tagHeader;

    private PreparedJson(byte[] body, string label)
    {
        Body = body;
        var hash = Convert.ToBase64String(SHA256.HashData(body).AsSpan(0, 12)).Replace('+', '-').Replace('/', '_');
        _tag = new EntityTagHeaderValue($"\"{label}-{hash}\"");
        _tagHeader = _tag.ToString();
    }

    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>The quoted strong entity tag, as sent in <c>ETag</c>.</summary>
    public string ETag => _tagHeader.ToString();

    /// <param name="label">What it is and of which version, e.g. <c>clusters-v12</c>: letters, digits and dashes.</param>
    public static PreparedJson Of<T>(T value, JsonSerializerOptions options, string label) =>
        new(JsonSerializer.SerializeToUtf8Bytes(value, options.GetTypeInfo(typeof(T))), label);

    /// <summary>200 with the bytes, or 304 without a body when <c>If-None-Match</c> names this version.</summary>
    public Task WriteAsync(HttpContext context)
    {
        var response = context.Response;
        response.Headers.ETag = _tagHeader;
        response.Headers.CacheControl = CacheControl;
        if (Matches(context.Request.Headers.IfNoneMatch))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.ContentLength = Body.Length;
        return response.Body.WriteAsync(Body, context.RequestAborted).AsTask();
    }

    /// <summary>If-None-Match compares weakly (RFC 9110 §13.1.2): a W/ copy of our tag matches too, and so does <c>*</c>.</summary>
    private bool Matches(StringValues ifNoneMatch)
    {
        if (StringValues.IsNullOrEmpty(ifNoneMatch) || !EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags))
        {
            return false;
        }

        foreach (var tag in tags)
        {
            if (tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(_tag, useStrongComparison: false))
            {
                return true;
            }
        }

        return false;
    }
}
