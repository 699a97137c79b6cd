using Microsoft.AspNetCore.Mvc;

namespace SpotifyDashboard.Web.Services;

/// <summary>
/// One api call turned into data or an <see cref="ApiProblem"/>, for every api client of the web: a ProblemDetails
/// becomes its title and detail (with a 429's or 503's <c>Retry-After</c> in words), an unreachable api says so.
/// </summary>
internal static class ApiCalls
{
    private static readonly JsonSerializerOptions Json = DashboardJson.Options;

    /// <param name="explain">What a status means when the api sent no ProblemDetails with it (a bare 401 has none).</param>
    /// <param name="readBodyOf">Error statuses whose body is still a <typeparamref name="T"/> (the upload's 422 preview).</param>
    public static async Task<ApiResult<T>> SendAsync<T>(
        Func<Task<HttpResponseMessage>> send,
        CancellationToken cancellationToken,
        Func<int, string?>? explain = null,
        Func<int, bool>? readBodyOf = null)
        where T : class
    {
        try
        {
            using var response = await send();
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode || readBodyOf?.Invoke(status) == true)
            {
                var value = await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken);
                return value is null
                    ? ApiResult<T>.Failed(new ApiProblem(status, "The api answered with nothing", null))
                    : ApiResult<T>.Ok(value);
            }

            return ApiResult<T>.Failed(await ReadProblemAsync(response, explain, cancellationToken));
        }
        catch (Exception ex) when (Failure(ex, cancellationToken) is { } problem)
        {
            return ApiResult<T>.Failed(problem);
        }
    }

    /// <summary>A call whose success has no body worth reading (202, 204): null when it worked.</summary>
    public static async Task<ApiProblem?> SendAsync(Func<Task<HttpResponseMessage>> send, CancellationToken cancellationToken, Func<int, string?>? explain = null)
    {
        try
        {
            using var response = await send();
            return response.IsSuccessStatusCode ? null : await ReadProblemAsync(response, explain, cancellationToken);
        }
        catch (Exception ex) when (Failure(ex, cancellationToken) is { } problem)
        {
            return problem;
        }
    }

    private static ApiProblem? Failure(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        Security.TeacherSignedOutException => new ApiProblem(401, "You are signed out",
            "Your teacher session has ended (signed out, 12 hours after signing in, or the admin key changed). Sign in again; nothing was sent."),
        HttpRequestException http => ApiProblem.Unreachable(http.StatusCode is null ? "It could not be reached." : $"It answered {(int)http.StatusCode}."),
        TaskCanceledException when !cancellationToken.IsCancellationRequested => ApiProblem.Unreachable("It took too long to answer."),
        JsonException => new ApiProblem(null, "The api's answer could not be read", "This web front and the api may be of different versions."),
        _ => null,
    };

    private static async Task<ApiProblem> ReadProblemAsync(HttpResponseMessage response, Func<int, string?>? explain, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var fallback = explain?.Invoke(status);
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Json, cancellationToken);
            if (problem is not null)
            {
                var detail = problem.Errors.Count > 0 ? string.Join(" ", problem.Errors.SelectMany(e => e.Value)) : problem.Detail;
                return new ApiProblem(status, problem.Title ?? response.ReasonPhrase ?? "Error", WithRetryAfter(detail ?? fallback, response));
            }
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            // Not a ProblemDetails body: fall through to the status line.
        }

        return new ApiProblem(status, response.ReasonPhrase ?? $"HTTP {status}", WithRetryAfter(fallback, response));
    }

    /// <summary>A 429's or 503's <c>Retry-After</c> in words, unless the api's detail already says when.</summary>
    private static string? WithRetryAfter(string? detail, HttpResponseMessage response)
    {
        var retryAfter = response.Headers.RetryAfter;
        var wait = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        if (wait is not { } delay || detail?.Contains("Try again in", StringComparison.OrdinalIgnoreCase) == true)
        {
            return detail;
        }

        var seconds = Math.Max(1, (int)Math.Ceiling(delay.TotalSeconds));
        return string.IsNullOrEmpty(detail) ? $"Try again in {seconds} s." : $"{detail} Try again in {seconds} s.";
    }
}
