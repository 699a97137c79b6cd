using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SpotifyDashboard.Ingestion.Options;

namespace SpotifyDashboard.Ingestion.Reading;

/// <summary>
/// Reads the responses tab with the Sheets REST API <c>values.get</c>. Unformatted values with
/// serial-number dates, so timestamps do not depend on the sheet's display format. A typed client:
/// the resilience handler retries 429 and 5xx, honouring Retry-After.
/// </summary>
public sealed class GoogleSheetReader(HttpClient http, ServiceAccountTokenSource tokens, IOptions<SurveyIngestionOptions> options) : ISurveyTableReader
{
    public string Description => $"Google Sheet {options.Value.SheetId} ({options.Value.Range})";

    public async Task<SurveyTable> ReadAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.SheetId))
        {
            throw new SurveySourceException("Survey:SheetId is not set.");
        }

        var token = await tokens.GetAccessTokenAsync(cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, ValuesUrl(settings));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var detail = await GoogleErrorMessageAsync(response, cancellationToken);
            throw Failure(response.StatusCode, detail, settings);
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        return ToTable(document.RootElement);
    }

    public static Uri ValuesUrl(SurveyIngestionOptions settings) => new(
        $"{settings.SheetsBaseUrl.TrimEnd('/')}/v4/spreadsheets/{Uri.EscapeDataString(settings.SheetId!)}/values/{Uri.EscapeDataString(settings.Range)}" +
        "?valueRenderOption=UNFORMATTED_VALUE&dateTimeRenderOption=SERIAL_NUMBER&majorDimension=ROWS");

    /// <summary>A ValueRange: <c>{"range", "majorDimension", "values": [[...], ...]}</c>; empty sheets have no "values".</summary>
    public static SurveyTable ToTable(JsonElement valueRange)
    {
        if (!valueRange.TryGetProperty("values", out var values) || values.GetArrayLength() == 0)
        {
            throw new SurveySourceException("The sheet range is empty: expected a header row (the Form's questions) followed by responses. Check Survey:Range.");
        }

        var rows = values.EnumerateArray().Select(row => (IReadOnlyList<string>)[.. row.EnumerateArray().Select(CellText)]).ToList();
        return SurveyTable.Create(rows[0], rows.Skip(1));
    }

    private static string CellText(JsonElement cell) => cell.ValueKind switch
    {
        JsonValueKind.String => cell.GetString() ?? "",
        // Round-trip form, so serial timestamps keep their seconds and ids stay stable.
        JsonValueKind.Number => cell.GetDouble().ToString("R", CultureInfo.InvariantCulture),
        JsonValueKind.True => "TRUE",
        JsonValueKind.False => "FALSE",
        _ => "",
    };

    /// <summary>In public a short hint naming the setting to check; in the detail the sheet id, the account and Google's words.</summary>
    private SurveySourceException Failure(HttpStatusCode status, string detail, SurveyIngestionOptions settings) => status switch
    {
        HttpStatusCode.Forbidden => new(
            "The sheet is not shared with the service account.",
            $"The Google Sheet {settings.SheetId} is not shared with the service account {tokens.ClientEmail}: open the sheet, press Share and add that address as Viewer. (Google said: {detail})"),
        HttpStatusCode.NotFound => new(
            "The sheet was not found: check Survey:SheetId.",
            $"No Google Sheet with id '{settings.SheetId}' was found: check Survey:SheetId (the part of the sheet's URL after /d/). (Google said: {detail})"),
        HttpStatusCode.BadRequest => new(
            "Google Sheets rejected the range: check Survey:Range.",
            $"Google Sheets rejected the request: check Survey:Range '{settings.Range}' names a tab of the sheet. (Google said: {detail})"),
        HttpStatusCode.Unauthorized => new(
            "Google Sheets did not accept the service account: check the google-service-account key and that the Sheets API is enabled.",
            $"Google Sheets did not accept the token of the service account {tokens.ClientEmail}: check the google-service-account key and that the Sheets API is enabled. (Google said: {detail})"),
        HttpStatusCode.TooManyRequests => new(
            "The Google Sheets quota is exceeded: raise Survey:PollInterval.",
            $"Google Sheets quota exceeded (429) even after retries: raise Survey:PollInterval (the quota is 60 reads a minute). (Google said: {detail})"),
        _ => new(
            SurveySourceException.DidNotAnswer,
            $"Google Sheets answered {(int)status} for the sheet {settings.SheetId} even after retries; the last good data is kept. (Google said: {detail})"),
    };

    private static async Task<string> GoogleErrorMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("error", out var error) && error.TryGetProperty("message", out var message))
            {
                return message.GetString() ?? "";
            }
        }
        catch (JsonException)
        {
        }

        return body.Length > 200 ? body[..200] : body;
    }
}
