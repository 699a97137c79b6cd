using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Caching.Memory;

namespace SpotifyDashboard.Web.Services;

/// <summary>
/// Keeps the last body of each api read that came with an ETag, and asks again with <c>If-None-Match</c>: the api
/// answers 304 without a body while its data stays the same, and the page gets the kept body as a normal 200. When an
/// event makes every open dashboard refresh at once, the api serializes and sends each answer once, not once per page.
/// The api's answers are the same for every user (the admin client does not come through here), so one copy serves all.
/// </summary>
public sealed class ConditionalGetHandler(ApiAnswerCache cache) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method != HttpMethod.Get || request.RequestUri is null || request.Headers.IfNoneMatch.Count > 0)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var key = request.RequestUri.PathAndQuery;
        var kept = cache.Find(key);
        if (kept is not null)
        {
            request.Headers.IfNoneMatch.Add(kept.ETag);
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotModified && kept is not null)
        {
            response.Dispose();
            return kept.ToResponse(request);
        }

        // A gzip answer decompressed on the way in has no length any more; one too big to keep is read as it comes.
        if (response.StatusCode == HttpStatusCode.OK
            && response.Headers.ETag is { IsWeak: false } etag
            && response.Content.Headers.ContentLength is not > ApiAnswerCache.LargestAnswer)
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var answer = new KeptAnswer(etag, body, response.Content.Headers.ContentType);
            if (body.Length <= ApiAnswerCache.LargestAnswer)
            {
                cache.Keep(key, answer);
            }

            response.Dispose();
            return answer.ToResponse(request);
        }

        return response;
    }
}

/// <summary>One api answer as it came: its ETag, body and content type.</summary>
public sealed class KeptAnswer(EntityTagHeaderValue etag, byte[] body, MediaTypeHeaderValue? contentType)
{
    public EntityTagHeaderValue ETag { get; } = etag;

    public int Size => body.Length;

    public HttpResponseMessage ToResponse(HttpRequestMessage request)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = contentType;
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
        response.Headers.ETag = ETag;
        return response;
    }
}

/// <summary>The web's kept api answers, bounded in bytes (the least recently used go first).</summary>
public sealed class ApiAnswerCache : IDisposable
{
    /// <summary>Bigger answers (a large class's data pages) pass through without being kept.</summary>
    public const long LargestAnswer = 4 * 1024 * 1024;

    /// <summary>All kept bodies together: the clusters, model, overview and a few pages of a class of 10,000 fit.</summary>
    public const long Budget = 32 * 1024 * 1024;

    private readonly MemoryCache _answers = new(new MemoryCacheOptions { SizeLimit = Budget });

    public KeptAnswer? Find(string key) => _answers.TryGetValue(key, out KeptAnswer? answer) ? answer : null;

    public void Keep(string key, KeptAnswer answer) =>
        _answers.Set(key, answer, new MemoryCacheEntryOptions { Size = Math.Max(answer.Size, 1) });

    public void Dispose() => _answers.Dispose();
}
