using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SpotifyDashboard.Core.Contracts.Admin;
using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Web.Security;
using SpotifyDashboard.Web.Services.Models;

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
        ApiCalls.SendAsync<AdminSourcesView>(AsTeacher(() => http.GetAsync("/api/admin/sources", cancellationToken)), cancellationToken);

    /// <summary>Makes <paramref name="source"/> ("demo", "sheet", "csv") the active source; null goes back to the configured one.</summary>
    public Task<ApiProblem?> SetActiveSourceAsync(string? source, CancellationToken cancellationToken = default) =>
        ApiCalls.SendAsync(AsTeacher(() => http.PostAsJsonAsync("/api/admin/sources/active", new { source }, Json, cancellationToken)), cancellationToken);

    public Task<ApiProblem?> ReadNowAsync(CancellationToken cancellationToken = default) =>
        ApiCalls.SendAsync(AsTeacher(() => http.PostAsync("/api/admin/sources/read", null, cancellationToken)), cancellationToken);

    public Task<ApiResult<RefreshAccepted>> StartRefreshAsync(RefreshRequest request, CancellationToken cancellationToken = default) =>
        ApiCalls.SendAsync<RefreshAccepted>(AsTeacher(() => http.PostAsJsonAsync("/api/refresh", request, Json, cancellationToken)), cancellationToken);

    public Task<ApiResult<RefreshProgress>> GetRefreshAsync(string id, CancellationToken cancellationToken = default) =>
        ApiCalls.SendAsync<RefreshProgress>(AsTeacher(() => http.GetAsync($"/api/admin/refresh/{Uri.EscapeDataString(id)}", cancellationToken)), cancellationToken);

    public Task<ApiResult<AdminQuarantinePage>> GetQuarantineAsync(CancellationToken cancellationToken = default) =>
        ApiCalls.SendAsync<AdminQuarantinePage>(AsTeacher(() => http.GetAsync("/api/admin/quarantine", cancellationToken)), cancellationToken);

    public Task<ApiResult<UnmatchedReportModel>> GetUnmatchedAsync(CancellationToken cancellationToken = default) =>
        ApiCalls.SendAsync<UnmatchedReportModel>(AsTeacher(() => http.GetAsync("/api/unmatched", cancellationToken)), cancellationToken);

    public Task<ApiResult<OverrideAcceptedModel>> MapSongAsync(OverrideRequestModel request, CancellationToken cancellationToken = default) =>
        ApiCalls.SendAsync<OverrideAcceptedModel>(AsTeacher(() => http.PostAsJsonAsync("/api/overrides", request, Json, cancellationToken)), cancellationToken);

    /// <summary>
    /// Sends a CSV file (or the .zip holding it) for a preview (<paramref name="preview"/> true) or to become the CSV source. A file the api
    /// cannot use comes back as a preview too (422, <see cref="UploadPreview.CanUse"/> false), saying what is wrong.
    /// </summary>
    public Task<ApiResult<UploadPreview>> UploadAsync(string fileName, byte[] content, bool preview, CancellationToken cancellationToken = default) =>
        ApiCalls.SendAsync<UploadPreview>(
            AsTeacher(() =>
            {
                var file = new ByteArrayContent(content);
                // The Forms download may be the .zip Google gives; the api unpacks it.
                file.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) ? "application/zip" : "text/csv");
                var form = new MultipartFormDataContent { { file, "file", fileName } };
                return http.PostAsync($"/api/admin/upload?preview={(preview ? "true" : "false")}", form, cancellationToken);
            }),
            cancellationToken,
            readBodyOf: status => status == StatusCodes.Status422UnprocessableEntity);

    private Func<Task<HttpResponseMessage>> AsTeacher(Func<Task<HttpResponseMessage>> send) => async () =>
        access is null || await access.StillSignedInAsync() ? await send() : throw new TeacherSignedOutException();
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

public static class AdminApiClientExtensions
{
    public static WebApplicationBuilder AddAdminApiClient(this WebApplicationBuilder builder)
    {
        builder.Services.AddAdminApiClient();
        return builder;
    }

    public static IServiceCollection AddAdminApiClient(this IServiceCollection services)
    {
        services.AddTransient<AdminKeyHandler>();
        // A teacher's post (a refresh, an override, an upload) sent twice would be done twice: see ApiResilience.
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked experimental, but it is the way to opt one client out of the defaults.
        services.AddHttpClient<AdminApiClient>(client => client.BaseAddress = new("https+http://api"))
            .RemoveAllResilienceHandlers()
            .AddHttpMessageHandler<AdminKeyHandler>()
            .AddApiResilience();
#pragma warning restore EXTEXP0001
        return services;
    }
}
