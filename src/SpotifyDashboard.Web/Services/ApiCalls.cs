using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using SpotifyDashboard.Core.Storage;

namespace SpotifyDashboard.Web.Services;

/// <summary>
/// One api call turned into data or an <see cref="ApiProblem"/>, for the admin client. Same rules as
/// <see cref="DashboardApiClient"/>'s: a ProblemDetails becomes its title and detail, an unreachable api says so.
/// </summary>
internal static class ApiCalls
{
    private static readonly JsonSerializerOptions Json = DashboardJson.Options;

    /// <param name="readBodyOf">Error statuses whose body is still a <typeparamref name="T"/> (the upload's 422 preview).</param>
    public static async Task<ApiResult<T>> SendAsync<T>(Func<Task<HttpResponseMessage>> send, CancellationToken cancellationToken, Func<int, bool>? readBodyOf = null)
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

            return ApiResult<T>.Failed(await ReadProblemAsync(response, cancellationToken));
        }
        catch (Exception ex) when (Failure(ex, cancellationToken) is { } problem)
        {
            return ApiResult<T>.Failed(problem);
        }
    }

    /// <summary>A call whose success has no body worth reading (202, 204): null when it worked.</summary>
    public static async Task<ApiProblem?> SendAsync(Func<Task<HttpResponseMessage>> send, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await send();
            return response.IsSuccessStatusCode ? null : await ReadProblemAsync(response, cancellationToken);
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

    private static async Task<ApiProblem> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var fallback = status switch
        {
            404 => "The api does not know this endpoint: it may be older than this web front.",
            401 => "The api did not accept the admin key: the web and the api must be given the same admin-key parameter.",
            413 => "The file is larger than the api accepts (10 MB).",
            503 => "The api has no admin key configured: " + Security.AdminOptions.HowToSetKey,
            _ => null,
        };

        try
        {
            var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Json, cancellationToken);
            if (problem is not null)
            {
                var detail = problem.Errors.Count > 0 ? string.Join(" ", problem.Errors.SelectMany(e => e.Value)) : problem.Detail;
                return new ApiProblem(status, problem.Title ?? response.ReasonPhrase ?? "Error", detail ?? fallback);
            }
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            // Not a ProblemDetails body (a bare 401 has none): fall through to the status line.
        }

        return new ApiProblem(status, response.ReasonPhrase ?? $"HTTP {status}", fallback);
    }
}
