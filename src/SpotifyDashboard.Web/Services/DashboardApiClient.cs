using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using SpotifyDashboard.Core.Contracts;
using SpotifyDashboard.Core.Contracts.Dashboard;
using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Web.Services.Models;

namespace SpotifyDashboard.Web.Services;

/// <summary>The web front's only way to data: the api, found through service discovery.</summary>
public sealed class DashboardApiClient
{
    private static readonly JsonSerializerOptions Json = DashboardJson.Options;

    private readonly HttpClient _http;

    /// <param name="user">The browser user this client (one per component) calls for; <see cref="DashboardUserHandler"/> vouches for it.</param>
    public DashboardApiClient(HttpClient http, DashboardUser? user = null)
    {
        _http = http;
        if (user?.Address is { } address)
        {
            http.DefaultRequestHeaders.TryAddWithoutValidation(DashboardUserHandler.AddressHeader, address);
        }
    }

    public async Task<ResponsePage> GetResponsesAsync(int limit, int offset = 0, CancellationToken cancellationToken = default) =>
        await _http.GetFromJsonAsync<ResponsePage>($"/api/responses?limit={limit}&offset={offset}", Json, cancellationToken)
        ?? new ResponsePage(0, []);

    public Task<StatusReport?> GetStatusAsync(CancellationToken cancellationToken = default) =>
        _http.GetFromJsonAsync<StatusReport>("/api/status", Json, cancellationToken);

    public Task<ApiResult<ClassOverview>> GetOverviewAsync(CancellationToken cancellationToken = default) =>
        SendAsync<ClassOverview>(() => _http.GetAsync("/api/overview", cancellationToken), cancellationToken);

    public Task<ApiResult<ClustersModel>> GetClustersAsync(CancellationToken cancellationToken = default) =>
        SendAsync<ClustersModel>(() => _http.GetAsync("/api/clusters", cancellationToken), cancellationToken);

    public Task<ApiResult<ModelReportModel>> GetModelAsync(CancellationToken cancellationToken = default) =>
        SendAsync<ModelReportModel>(() => _http.GetAsync("/api/model", cancellationToken), cancellationToken);

    public Task<ApiResult<TwinsAnswer>> GetTwinsAsync(string responseId, int k, CancellationToken cancellationToken = default) =>
        SendAsync<TwinsAnswer>(() => _http.GetAsync($"/api/twins/{Uri.EscapeDataString(responseId)}?k={k}", cancellationToken), cancellationToken);

    public Task<ApiResult<TwinsAnswer>> FindTwinsAsync(string song, string? artist, int k, CancellationToken cancellationToken = default) =>
        SendAsync<TwinsAnswer>(() => _http.PostAsJsonAsync("/api/twins", new TwinsRequest(song, artist, k), Json, cancellationToken), cancellationToken);

    public Task<ApiResult<PredictionModel>> PredictMajorAsync(string song, string? artist, CancellationToken cancellationToken = default) =>
        SendAsync<PredictionModel>(() => _http.PostAsJsonAsync("/api/predict-major", new { song, artist }, Json, cancellationToken), cancellationToken);

    /// <summary>Places a listener's tracks (by id, or the demo listener's) in the class; nothing is stored.</summary>
    public Task<ApiResult<CompareAnswer>> CompareAsync(CompareRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<CompareAnswer>(() => _http.PostAsJsonAsync("/api/compare", request, Json, cancellationToken), cancellationToken);

    public Task<ApiResult<DataPage>> GetDataAsync(DataQuery query, CancellationToken cancellationToken = default) =>
        SendAsync<DataPage>(() => _http.GetAsync($"/api/data?{query.ToQueryString()}", cancellationToken), cancellationToken);

    /// <summary>The api's <c>/health/details</c> as it answered (503 included: its body says which part is down).</summary>
    public Task<HttpResponseMessage> GetHealthDetailsAsync(CancellationToken cancellationToken = default) =>
        _http.GetAsync("/health/details", cancellationToken);

    /// <summary>The export as the api streams it, for the web to pass on to the browser unchanged.</summary>
    public Task<HttpResponseMessage> GetExportAsync(string format, string queryString, CancellationToken cancellationToken = default) =>
        _http.GetAsync($"/api/export.{format}?{queryString}", HttpCompletionOption.ResponseHeadersRead, cancellationToken);

    private static async Task<ApiResult<T>> SendAsync<T>(Func<Task<HttpResponseMessage>> send, CancellationToken cancellationToken) where T : class
    {
        try
        {
            using var response = await send();
            if (response.IsSuccessStatusCode)
            {
                var value = await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken);
                return value is null
                    ? ApiResult<T>.Failed(new ApiProblem((int)response.StatusCode, "The api answered with nothing", null))
                    : ApiResult<T>.Ok(value);
            }

            return ApiResult<T>.Failed(await ReadProblemAsync(response, cancellationToken));
        }
        catch (HttpRequestException ex)
        {
            return ApiResult<T>.Failed(ApiProblem.Unreachable(ex.StatusCode is null ? "It could not be reached." : $"It answered {(int)ex.StatusCode}."));
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ApiResult<T>.Failed(ApiProblem.Unreachable("It took too long to answer."));
        }
        catch (JsonException)
        {
            return ApiResult<T>.Failed(new ApiProblem(null, "The api's answer could not be read", "This web front and the api may be of different versions."));
        }
    }

    private static async Task<ApiProblem> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Json, cancellationToken);
            if (problem is not null)
            {
                var detail = problem.Errors.Count > 0 ? string.Join(" ", problem.Errors.SelectMany(e => e.Value)) : problem.Detail;
                return new ApiProblem(status, problem.Title ?? response.ReasonPhrase ?? "Error", WithRetryAfter(detail, response));
            }
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            // Not a ProblemDetails body: fall through to the status line.
        }

        return new ApiProblem(status, response.ReasonPhrase ?? $"HTTP {status}", WithRetryAfter(null, response));
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
