using System.Collections.Concurrent;
using Microsoft.AspNetCore.Mvc;

namespace SpotifyDashboard.Web.Tests.Infrastructure;

/// <summary>
/// The api as the web front sees it over HTTP: routes answer with JSON (in the api's own serializer settings) or with
/// ProblemDetails, or the whole api is down. Every request is recorded so a test can say what the page asked for.
/// Routes match on the path alone; the query string is for the test to inspect or for a route's answer to read.
/// </summary>
public sealed class FakeApi : HttpMessageHandler
{
    private static readonly JsonSerializerOptions Json = DashboardJson.Options;

    private readonly ConcurrentDictionary<string, Func<FakeApiRequest, HttpResponseMessage>> _routes = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<FakeApiRequest> _requests = new();
    private volatile bool _down;
    private volatile TaskCompletionSource? _paused;

    /// <summary>Every request received so far, oldest first, including those answered while down or paused.</summary>
    public IReadOnlyList<FakeApiRequest> Requests => [.. _requests];

    public IReadOnlyList<FakeApiRequest> RequestsTo(string path) =>
        [.. _requests.Where(r => string.Equals(r.Path, path, StringComparison.OrdinalIgnoreCase))];

    /// <summary>The latest request to <paramref name="path"/>; fails the test when there was none.</summary>
    public FakeApiRequest LastRequestTo(string path) =>
        RequestsTo(path) is [.., var last] ? last : throw new Xunit.Sdk.XunitException($"The api got no request to {path}; it got: {string.Join(", ", Requests)}");

    /// <summary><paramref name="path"/> answers 200 with <paramref name="value"/> as JSON.</summary>
    public FakeApi Returns(string path, object value) => Answers(path, _ => JsonResponse(HttpStatusCode.OK, value));

    /// <summary><paramref name="path"/> answers 200 with what <paramref name="answer"/> makes of each request (e.g. from its query).</summary>
    public FakeApi Returns(string path, Func<FakeApiRequest, object> answer) => Answers(path, request => JsonResponse(HttpStatusCode.OK, answer(request)));

    /// <summary><paramref name="path"/> answers with a ProblemDetails, the way the api reports errors.</summary>
    public FakeApi Fails(string path, int status, string title, string? detail = null) =>
        Answers(path, _ => JsonResponse((HttpStatusCode)status, new ProblemDetails { Status = status, Title = title, Detail = detail }, "application/problem+json"));

    /// <summary>Full control over the response, for what the other helpers do not cover.</summary>
    public FakeApi Answers(string path, Func<FakeApiRequest, HttpResponseMessage> respond)
    {
        _routes[path] = respond;
        return this;
    }

    /// <summary>Every request fails as if the api could not be reached.</summary>
    public FakeApi IsDown()
    {
        _down = true;
        return this;
    }

    /// <summary>The api is reachable again; the routes answer as before.</summary>
    public FakeApi IsUp()
    {
        _down = false;
        return this;
    }

    /// <summary>Requests wait unanswered until <see cref="Resume"/>, for what a page shows while it waits.</summary>
    public FakeApi Pause()
    {
        _paused ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return this;
    }

    public void Resume()
    {
        var paused = _paused;
        _paused = null;
        paused?.TrySetResult();
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri ?? throw new InvalidOperationException("A request without a URI.");
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var received = new FakeApiRequest(request.Method, uri.AbsolutePath, uri.Query.TrimStart('?'), body)
        {
            Headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.First(), StringComparer.OrdinalIgnoreCase),
        };
        _requests.Enqueue(received);

        if (_paused is { } paused)
        {
            await paused.Task.WaitAsync(cancellationToken);
        }

        if (_down)
        {
            throw new HttpRequestException("Connection refused (fake api is down)", null, null);
        }

        return _routes.TryGetValue(received.Path, out var respond)
            ? respond(received)
            : JsonResponse(HttpStatusCode.NotFound, new ProblemDetails { Status = 404, Title = "Not Found", Detail = $"The fake api has no route {received.Path}." }, "application/problem+json");
    }

    private static HttpResponseMessage JsonResponse(HttpStatusCode status, object value, string mediaType = "application/json") =>
        new(status) { Content = JsonContent.Create(value, value.GetType(), new(mediaType), Json) };
}
