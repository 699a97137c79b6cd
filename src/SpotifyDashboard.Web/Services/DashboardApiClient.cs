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

    public Task<ApiResult<StatusReport>> GetStatusAsync(CancellationToken cancellationToken = default) =>
        ApiCalls.SendAsync<StatusReport>(() => _http.GetAsync("/api/status", cancellationToken), cancellationToken);

    public Task<ApiResult<ClassOverview>> GetOverviewAsync(CancellationToken cancellationToken = default) =>
        ApiCalls.SendAsync<ClassOverview>(() => _http.GetAsync("/api/overview", cancellationToken), cancellationToken);

    public Task<ApiResult<ClustersAnswer>> GetClustersAsync(CancellationToken cancellationToken = default) =>
        ApiCalls.SendAsync<ClustersAnswer>(() => _http.GetAsync("/api/clusters", cancellationToken), cancellationToken);

    public Task<ApiResult<ModelAnswer>> GetModelAsync(CancellationToken cancellationToken = default) =>
        ApiCalls.SendAsync<ModelAnswer>(() => _http.GetAsync("/api/model", cancellationToken), cancellationToken);

    public Task<ApiResult<TwinsAnswer>> GetTwinsAsync(string responseId, int k, CancellationToken cancellationToken = default) =>
        ApiCalls.SendAsync<TwinsAnswer>(() => _http.GetAsync($"/api/twins/{Uri.EscapeDataString(responseId)}?k={k}", cancellationToken), cancellationToken);

    public Task<ApiResult<TwinsAnswer>> FindTwinsAsync(string song, string? artist, int k, CancellationToken cancellationToken = default) =>
        ApiCalls.SendAsync<TwinsAnswer>(() => _http.PostAsJsonAsync("/api/twins", new TwinsRequest(song, artist, k), Json, cancellationToken), cancellationToken);

    public Task<ApiResult<PredictMajorAnswer>> PredictMajorAsync(string song, string? artist, CancellationToken cancellationToken = default) =>
        ApiCalls.SendAsync<PredictMajorAnswer>(() => _http.PostAsJsonAsync("/api/predict-major", new PredictMajorRequest(song, artist), Json, cancellationToken), cancellationToken);

    /// <summary>Places a listener's tracks (by id, or the demo listener's) in the class; nothing is stored.</summary>
    public Task<ApiResult<CompareAnswer>> CompareAsync(CompareRequest request, CancellationToken cancellationToken = default) =>
        ApiCalls.SendAsync<CompareAnswer>(() => _http.PostAsJsonAsync("/api/compare", request, Json, cancellationToken), cancellationToken);

    /// <summary>Places the tracks of a listener's own export file (its bytes, read in memory) in the class; nothing is stored.</summary>
    public Task<ApiResult<CompareAnswer>> CompareFileAsync(byte[] file, CancellationToken cancellationToken = default) =>
        ApiCalls.SendAsync<CompareAnswer>(() => _http.PostAsync("/api/compare/file", new ByteArrayContent(file), cancellationToken), cancellationToken);

    public Task<ApiResult<DataPage>> GetDataAsync(DataQuery query, CancellationToken cancellationToken = default) =>
        ApiCalls.SendAsync<DataPage>(() => _http.GetAsync($"/api/data?{query.ToQueryString()}", cancellationToken), cancellationToken);

    /// <summary>The api's <c>/health/details</c> as it answered (503 included: its body says which part is down).</summary>
    public Task<HttpResponseMessage> GetHealthDetailsAsync(CancellationToken cancellationToken = default) =>
        _http.GetAsync("/health/details", cancellationToken);

    /// <summary>The export as the api streams it, for the web to pass on to the browser unchanged.</summary>
    public Task<HttpResponseMessage> GetExportAsync(string format, string queryString, CancellationToken cancellationToken = default) =>
        _http.GetAsync($"/api/export.{format}?{queryString}", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
}
