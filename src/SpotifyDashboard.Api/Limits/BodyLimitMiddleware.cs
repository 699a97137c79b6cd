using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace SpotifyDashboard.Api.Limits;

/// <summary>An endpoint's own request body limit, in place of <c>RateLimits:MaxBodyBytes</c>; null means none.</summary>
public sealed record BodyLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;

/// <summary>
/// Refuses a request body over the endpoint's limit (<see cref="IRequestSizeLimitMetadata"/>, else
/// <c>RateLimits:MaxBodyBytes</c>) with a 413 ProblemDetails before any handler reads it. A body of unknown length is
/// read into memory up to the limit, so the answer is the same with or without <c>Content-Length</c>.
/// </summary>
public sealed class BodyLimitMiddleware(RequestDelegate next, IOptions<AnonymousLimitsOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method))
        {
            await next(context);
            return;
        }

        var metadata = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>();
        var limit = metadata is null ? options.Value.MaxBodyBytes : metadata.MaxRequestBodySize;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } server)
        {
            server.MaxRequestBodySize = limit;
        }

        if (limit is not { } max)
        {
            await next(context);
            return;
        }

        if (request.ContentLength > max)
        {
            await TooLargeAsync(context, max);
            return;
        }

        if (request.ContentLength is null && max <= options.Value.MaxBodyBytes)
        {
            try
            {
                if (await ReadCappedAsync(request.Body, max, context.RequestAborted) is not { } buffered)
                {
                    await TooLargeAsync(context, max);
                    return;
                }

                request.Body = buffered;
                context.Response.RegisterForDispose(buffered);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                await TooLargeAsync(context, max);
                return;
            }
        }

        await next(context);
    }

    /// <summary>The whole stream in memory, from its start, or null as soon as it passes <paramref name="max"/> bytes.</summary>
    public static async Task<MemoryStream?> ReadCappedAsync(Stream stream, long max, CancellationToken cancellationToken)
    {
        var buffered = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffered.Length + read > max)
            {
                return null;
            }

            buffered.Write(chunk, 0, read);
        }

        buffered.Position = 0;
        return buffered;
    }

    private static Task TooLargeAsync(HttpContext context, long max) => LimitProblems.WriteAsync(
        context,
        StatusCodes.Status413PayloadTooLarge,
        "Request body too large",
        $"This endpoint takes request bodies of at most {max.ToString("N0", CultureInfo.InvariantCulture)} bytes (RateLimits:MaxBodyBytes, or the endpoint's own limit).");
}
