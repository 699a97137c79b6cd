using System.Net.Http.Json;
using System.Text.Json;
using SpotifyDashboard.Core.Contracts;
using SpotifyDashboard.Core.Storage;

namespace SpotifyDashboard.Web.Services;

/// <summary>The web front's only way to data: the api, found through service discovery.</summary>
public sealed class DashboardApiClient(HttpClient http)
{
    private static readonly JsonSerializerOptions Json = StoreJson.Options;

    public async Task<ResponsePage> GetResponsesAsync(int limit, int offset = 0, CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<ResponsePage>($"/api/responses?limit={limit}&offset={offset}", Json, cancellationToken)
        ?? new ResponsePage(0, []);

    public Task<StatusReport?> GetStatusAsync(CancellationToken cancellationToken = default) =>
        http.GetFromJsonAsync<StatusReport>("/api/status", Json, cancellationToken);
}
