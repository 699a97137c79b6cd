using System.Net.Http.Headers;

namespace SpotifyDashboard.Web.Services;

/// <summary>
/// The api's admin endpoints, called from the server for the signed-in teacher's pages only. The admin key travels in
/// the <c>X-Admin-Key</c> header added by <see cref="AdminKeyHandler"/>; it never reaches the browser.
/// </summary>
/// <param name="access">Checked before every call: a page whose teacher's session ended sends nothing more.</param>
public sealed class AdminApiClient(HttpClient http, TeacherAccess? access = null)
{
    public const long MaxUploadBytes = 10 * 1024 * 1024;

    private static readonly JsonSerializerOptions Json = DashboardJson.Options;

    public Task<ApiResult<AdminSourcesView>> GetSourcesAsync(CancellationToken cancellationToken = default) =>
        SendAsync<AdminSourcesView>(() => http.GetAsync("/api/admin/sources", cancellationToken), cancellationToken);

    /// <summary>Makes <paramref name="source"/> ("demo", "sheet", "csv") the active source; null goes back to the configured one.</summary>
    public Task<ApiProblem?> SetActiveSourceAsync(string? source, CancellationToken cancellationToken = default) =>
        SendAsync(() => http.PostAsJsonAsync("/api/admin/sources/active", new ActiveSourceRequest(source), Json, cancellationToken), cancellationToken);

    public Task<ApiProblem?> ReadNowAsync(CancellationToken cancellationToken = default) =>
        SendAsync(() => http.PostAsync("/api/admin/sources/read", null, cancellationToken), cancellationToken);

    public Task<ApiResult<RefreshAccepted>> StartRefreshAsync(RefreshRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<RefreshAccepted>(() => http.PostAsJsonAsync("/api/refresh", request, Json, cancellationToken), cancellationToken);

    public Task<ApiResult<RefreshProgress>> GetRefreshAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync<RefreshProgress>(() => http.GetAsync($"/api/admin/refresh/{Uri.EscapeDataString(id)}", cancellationToken), cancellationToken);

    public Task<ApiResult<AdminQuarantinePage>> GetQuarantineAsync(CancellationToken cancellationToken = default) =>
        SendAsync<AdminQuarantinePage>(() => http.GetAsync("/api/admin/quarantine", cancellationToken), cancellationToken);

    public Task<ApiResult<UnmatchedReport>> GetUnmatchedAsync(CancellationToken cancellationToken = default) =>
        SendAsync<UnmatchedReport>(() => http.GetAsync("/api/unmatched", cancellationToken), cancellationToken);

    public Task<ApiResult<OverrideAccepted>> MapSongAsync(OverrideRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<OverrideAccepted>(() => http.PostAsJsonAsync("/api/overrides", request, Json, cancellationToken), cancellationToken);

    /// <summary>
    /// Sends a CSV file (or the .zip holding it) for a preview (<paramref name="preview"/> true) or to become the CSV source. A file the api
    /// cannot use comes back as a preview too (422, <see cref="UploadPreview.CanUse"/> false), saying what is wrong.
    /// </summary>
    public Task<ApiResult<UploadPreview>> UploadAsync(string fileName, byte[] content, bool preview, CancellationToken cancellationToken = default) =>
        SendAsync<UploadPreview>(
            () =>
            {
                var file = new ByteArrayContent(content);
                // The Forms download may be the .zip Google gives; the api unpacks it.
                file.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) ? "application/zip" : "text/csv");
                var form = new MultipartFormDataContent { { file, "file", fileName } };
                return http.PostAsync($"/api/admin/upload?preview={(preview ? "true" : "false")}", form, cancellationToken);
            },
            cancellationToken,
            readBodyOf: status => status == StatusCodes.Status422UnprocessableEntity);

    private Task<ApiResult<T>> SendAsync<T>(Func<Task<HttpResponseMessage>> send, CancellationToken cancellationToken, Func<int, bool>? readBodyOf = null)
        where T : class =>
        ApiCalls.SendAsync<T>(AsTeacher(send), cancellationToken, Explain, readBodyOf);

    private Task<ApiProblem?> SendAsync(Func<Task<HttpResponseMessage>> send, CancellationToken cancellationToken) =>
        ApiCalls.SendAsync(AsTeacher(send), cancellationToken, Explain);

    private Func<Task<HttpResponseMessage>> AsTeacher(Func<Task<HttpResponseMessage>> send) => async () =>
        access is null || await access.StillSignedInAsync() ? await send() : throw new TeacherSignedOutException();

    /// <summary>What an admin endpoint's status means when it came without a ProblemDetails.</summary>
    private static string? Explain(int status) => status switch
    {
        404 => "The api does not know this endpoint: it may be older than this web front.",
        401 => "The api did not accept the admin key: the web and the api must be given the same admin-key parameter.",
        413 => "The file is larger than the api accepts (10 MB).",
        503 => "The api has no admin key configured: " + AdminOptions.HowToSetKey,
        _ => null,
    };
}

/// <summary>Adds the web's configured admin key to every request of the <see cref="AdminApiClient"/>.</summary>
public sealed class AdminKeyHandler(IOptionsMonitor<AdminOptions> options) : DelegatingHandler
{
    public const string HeaderName = "X-Admin-Key";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // A key too weak to be used is not sent either: the teacher's pages are off with it.
        if (options.CurrentValue is { IsConfigured: true, Key: { } key })
        {
            request.Headers.Remove(HeaderName);
            request.Headers.Add(HeaderName, key);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
