using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpotifyDashboard.Ingestion.Mapping;
using SpotifyDashboard.Core.Configuration;

namespace SpotifyDashboard.Ingestion.Reading;

/// <summary>
/// Reads the responses tab with the Sheets REST API. First <c>spreadsheets.get</c> for the sheet's time zone and locale
/// (serial dates count in that zone), and, without <c>Survey:Range</c>, its tabs: the responses tab is the first whose
/// header row maps (a Form linked in German names it "Formularantworten 1"). Then <c>values.get</c> of that tab with
/// unformatted values and serial-number dates, so timestamps do not depend on the sheet's display format.
/// A typed client: the resilience handler retries 429 and 5xx, honouring Retry-After. A token the API refuses (401)
/// stays refused, so it is dropped and a new one fetched, once per read.
/// </summary>
public sealed partial class GoogleSheetReader(
    HttpClient http,
    ServiceAccountTokenSource tokens,
    HeaderMapper mapper,
    IOptions<SurveyOptions> options,
    ILogger<GoogleSheetReader> logger) : ISurveyTableReader
{
    public string Description =>
        $"Google Sheet {options.Value.SheetId} ({SheetsA1.RangeFor(options.Value.Range) ?? "the first tab whose header row holds the survey's questions"})";

    public async Task<SurveyTable> ReadAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.SheetId))
        {
            throw new SurveySourceException("Survey:SheetId is not set.");
        }

        var call = new Call(settings.SheetId);
        var range = SheetsA1.RangeFor(settings.Range);
        SpreadsheetProperties sheet;
        using (var spreadsheet = await GetAsync(call, SpreadsheetUrl(settings, withTabs: range is null), cancellationToken))
        {
            sheet = SpreadsheetProperties.From(spreadsheet.RootElement);
        }

        if (string.IsNullOrWhiteSpace(settings.TimeZone) && sheet.TimeZone is { } zone && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            throw new SurveySourceException(
                "The sheet's time zone is not known here: set Survey:TimeZone.",
                $"The Google Sheet {settings.SheetId} counts its dates in the time zone '{zone}', which this system does not know: set Survey:TimeZone to the same zone (an IANA id such as Europe/Berlin).");
        }

        range ??= await FindResponsesTabAsync(call, settings, sheet.Tabs, cancellationToken);
        call.Range = range;
        using var values = await GetAsync(call, ValuesUrl(settings, range), cancellationToken);
        return ToTable(values.RootElement) with { TimeZone = sheet.TimeZone, Locale = sheet.Locale };
    }

    /// <summary><c>spreadsheets.get</c> with only what is used: the zone and locale, and the tabs' titles when the tab is to be found.</summary>
    public static Uri SpreadsheetUrl(SurveyOptions settings, bool withTabs) => new(
        $"{settings.SheetsBaseUrl.TrimEnd('/')}/v4/spreadsheets/{Uri.EscapeDataString(settings.SheetId!)}" +
        $"?fields={Uri.EscapeDataString(withTabs ? "properties(timeZone,locale),sheets.properties(title,sheetType)" : "properties(timeZone,locale)")}");

    public static Uri ValuesUrl(SurveyOptions settings, string range) => new(
        $"{settings.SheetsBaseUrl.TrimEnd('/')}/v4/spreadsheets/{Uri.EscapeDataString(settings.SheetId!)}/values/{Uri.EscapeDataString(range)}" +
        "?valueRenderOption=UNFORMATTED_VALUE&dateTimeRenderOption=SERIAL_NUMBER&majorDimension=ROWS");

    /// <summary><c>values.batchGet</c> of each tab's first row, in one call.</summary>
    public static Uri HeaderRowsUrl(SurveyOptions settings, IEnumerable<string> tabs) => new(
        $"{settings.SheetsBaseUrl.TrimEnd('/')}/v4/spreadsheets/{Uri.EscapeDataString(settings.SheetId!)}/values:batchGet?" +
        string.Concat(tabs.Select(t => $"ranges={Uri.EscapeDataString(SheetsA1.Quote(t) + "!1:1")}&")) +
        "valueRenderOption=UNFORMATTED_VALUE&dateTimeRenderOption=SERIAL_NUMBER&majorDimension=ROWS");

    /// <summary>A ValueRange: <c>{"range", "majorDimension", "values": [[...], ...]}</c>; empty sheets have no "values".</summary>
    public static SurveyTable ToTable(JsonElement valueRange)
    {
        if (!valueRange.TryGetProperty("values", out var values) || values.GetArrayLength() == 0)
        {
            throw new SurveySourceException("The sheet range is empty: expected a header row (the Form's questions) followed by responses. Check Survey:Range.");
        }

        var rows = values.EnumerateArray().Select(Cells).ToList();
        return SurveyTable.Create(rows[0], rows.Skip(1));
    }

    private static IReadOnlyList<string> Cells(JsonElement row) => [.. row.EnumerateArray().Select(CellText)];

    private static string CellText(JsonElement cell) => cell.ValueKind switch
    {
        JsonValueKind.String => cell.GetString() ?? "",
        // Round-trip form, so serial timestamps keep their seconds and ids stay stable.
        JsonValueKind.Number => cell.GetDouble().ToString("R", CultureInfo.InvariantCulture),
        JsonValueKind.True => "TRUE",
        JsonValueKind.False => "FALSE",
        _ => "",
    };

    private async Task<string> FindResponsesTabAsync(Call call, SurveyOptions settings, IReadOnlyList<string> tabs, CancellationToken cancellationToken)
    {
        if (tabs.Count > 0)
        {
            using var headers = await GetAsync(call, HeaderRowsUrl(settings, tabs), cancellationToken);
            var ranges = headers.RootElement.TryGetProperty("valueRanges", out var found) ? found.EnumerateArray().ToList() : [];
            for (var i = 0; i < tabs.Count && i < ranges.Count; i++)
            {
                if (ranges[i].TryGetProperty("values", out var rows) && rows.GetArrayLength() > 0 && Maps(Cells(rows[0])))
                {
                    return SheetsA1.Quote(tabs[i]);
                }
            }
        }

        throw new SurveySourceException(
            "No tab of the sheet has the survey's questions in its first row: set Survey:Range to the responses tab.",
            $"No tab of the Google Sheet {settings.SheetId} has the survey's questions in its first row (tabs: {string.Join(", ", tabs.Select(SheetsA1.Quote))}): " +
            "set Survey:Range to the name of the tab the Form writes to, or set Survey:Columns for questions named otherwise.");
    }

    private bool Maps(IReadOnlyList<string> headers)
    {
        try
        {
            mapper.Map(headers);
            return true;
        }
        catch (HeaderMappingException)
        {
            return false;
        }
    }

    private async Task<JsonDocument> GetAsync(Call call, Uri url, CancellationToken cancellationToken)
    {
        while (true)
        {
            call.Token ??= await tokens.GetAccessTokenAsync(cancellationToken);
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", call.Token);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Unauthorized && !call.Renewed)
            {
                // Google does not take a refused token back: asking again with it would fail until it expires.
                LogTokenRefused(tokens.ClientEmail);
                tokens.DropToken();
                call.Token = null;
                call.Renewed = true;
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                var error = await GoogleApiError.ReadAsync(response, cancellationToken);
                throw GoogleSheetFailures.For(response.StatusCode, error, call.SheetId, tokens.ClientEmail, call.Range);
            }

            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        }
    }

    /// <summary>One read's calls: the token they use, whether it was already renewed, the range read (for errors).</summary>
    private sealed class Call(string sheetId)
    {
        public string SheetId => sheetId;

        public string? Token { get; set; }

        public bool Renewed { get; set; }

        public string? Range { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Google Sheets refused the access token of the service account {ClientEmail} (401); fetching a new one")]
    private partial void LogTokenRefused(string clientEmail);
}
