using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using SpotifyDashboard.Ingestion.Tests.Infrastructure;
using SpotifyDashboard.TestSupport.GoogleSheets;

namespace SpotifyDashboard.Ingestion.Tests.Reading;

/// <summary>The fake Sheets API answers as the real one does, so the reader's tests mean something.</summary>
public sealed class GoogleSheetsApiFakeTests : IAsyncLifetime, IDisposable
{
    private readonly FakeGoogle _google = new();
    private readonly HttpClient _http = new();

    public async Task InitializeAsync()
    {
        var credential = Google.Apis.Auth.OAuth2.CredentialFactory.FromJson<Google.Apis.Auth.OAuth2.ServiceAccountCredential>(_google.ServiceAccountJson)
            .ToGoogleCredential().CreateScoped(GoogleSheetsApiFake.ReadOnlyScope);
        var token = await ((Google.Apis.Auth.OAuth2.ITokenAccess)credential).GetAccessTokenForRequestAsync();
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string pathAndQuery)
    {
        using var response = await _http.GetAsync($"{_google.BaseUrl}/v4/spreadsheets/{FakeGoogle.SheetId}{pathAndQuery}");
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static string Values(string range, string options) => $"/values/{Uri.EscapeDataString(range)}?{options}";

    [Fact]
    public async Task RendersDatesAsSerialNumbersOnlyWhenAskedForUnformattedSerials()
    {
        var (_, serial) = await GetAsync(Values("'Formularantworten 1'!A2:E2", "valueRenderOption=UNFORMATTED_VALUE&dateTimeRenderOption=SERIAL_NUMBER"));
        var (_, text) = await GetAsync(Values("'Formularantworten 1'!A2:E2", "valueRenderOption=UNFORMATTED_VALUE&dateTimeRenderOption=FORMATTED_STRING"));
        var (_, shown) = await GetAsync(Values("'Formularantworten 1'!A2:E2", ""));

        var row = serial.GetProperty("values")[0];
        Assert.Equal(46000 + (13.75 / 24), row[0].GetDouble(), 9);
        Assert.Equal(2.5, row[4].GetDouble());
        Assert.Equal("09.12.2025 13:45:00", text.GetProperty("values")[0][0].GetString());
        Assert.Equal(JsonValueKind.Number, text.GetProperty("values")[0][4].ValueKind);
        // FORMATTED_VALUE (the default) shows everything as the German sheet does.
        Assert.Equal("09.12.2025 13:45:00", shown.GetProperty("values")[0][0].GetString());
        Assert.Equal("2,5", shown.GetProperty("values")[0][4].GetString());
    }

    [Theory]
    [InlineData("Formularantworten 1")]
    [InlineData("Formularantworten 1!A:E")]
    [InlineData("'Formularantworten 1")]
    [InlineData("'Nope'!A:E")]
    public async Task RefusesRangesThatDoNotParseOrNameNoTab(string range)
    {
        var (status, body) = await GetAsync(Values(range, "valueRenderOption=UNFORMATTED_VALUE"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("Unable to parse range", body.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task ReadsAnUnquotedCellLikeTabNameAsACellOfTheFirstTab()
    {
        _google.Sheet.Tabs.Add(new FakeTab("Q1"));

        var (_, body) = await GetAsync(Values("A1", "valueRenderOption=UNFORMATTED_VALUE"));

        Assert.Equal("Aufgabe", body.GetProperty("values")[0][0].GetString());
        Assert.Equal(1, body.GetProperty("values").GetArrayLength());
    }

    [Fact]
    public async Task KeepsOnlyTheFieldsAskedFor()
    {
        var (_, body) = await GetAsync("?fields=" + Uri.EscapeDataString("properties(timeZone,locale)"));

        Assert.Equal("""{"properties":{"locale":"de_DE","timeZone":"Europe/Berlin"}}""", body.GetRawText());
    }

    [Fact]
    public async Task ATokenRefusedOnceStaysRefused()
    {
        _google.Api.RefuseNextTokens(1);

        var (first, body) = await GetAsync("?fields=properties(timeZone)");
        var (second, _) = await GetAsync("?fields=properties(timeZone)");

        Assert.Equal(HttpStatusCode.Unauthorized, first);
        Assert.Equal("UNAUTHENTICATED", body.GetProperty("error").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, second);
    }

    [Fact]
    public async Task TellsAnUnsharedSheetFromADisabledApiAsGoogleDoes()
    {
        _google.Api.Access = SheetAccess.NotShared;
        var (_, notShared) = await GetAsync("?fields=properties(timeZone)");
        _google.Api.Access = SheetAccess.ApiDisabled;
        var (status, disabled) = await GetAsync("?fields=properties(timeZone)");

        Assert.Equal("""{"error":{"code":403,"message":"The caller does not have permission","status":"PERMISSION_DENIED"}}""", notShared.GetRawText());
        Assert.Equal(HttpStatusCode.Forbidden, status);
        var error = disabled.GetProperty("error");
        Assert.Equal("PERMISSION_DENIED", error.GetProperty("status").GetString());
        Assert.StartsWith($"Google Sheets API has not been used in project {_google.Api.ProjectNumber} before or it is disabled.", error.GetProperty("message").GetString());
        Assert.Contains(error.GetProperty("details").EnumerateArray(), d => d.TryGetProperty("reason", out var r) && r.GetString() == "SERVICE_DISABLED");
    }

    public void Dispose()
    {
        _http.Dispose();
        _google.Dispose();
    }
}
