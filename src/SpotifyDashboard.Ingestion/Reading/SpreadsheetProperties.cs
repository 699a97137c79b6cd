using System.Text.Json;

namespace SpotifyDashboard.Ingestion.Reading;

/// <summary>
/// What <c>spreadsheets.get</c> tells about a sheet: the IANA zone its serial dates count in, its locale (Google writes
/// <c>de_DE</c>), and its grid tabs in order (charts on their own tab hold no values).
/// </summary>
public sealed record SpreadsheetProperties(string? TimeZone, string? Locale, IReadOnlyList<string> Tabs)
{
    public static SpreadsheetProperties From(JsonElement spreadsheet)
    {
        string? zone = null, locale = null;
        if (spreadsheet.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            zone = Text(properties, "timeZone");
            locale = Text(properties, "locale");
        }

        var tabs = new List<string>();
        if (spreadsheet.TryGetProperty("sheets", out var sheets) && sheets.ValueKind == JsonValueKind.Array)
        {
            foreach (var sheet in sheets.EnumerateArray())
            {
                if (sheet.TryGetProperty("properties", out var tab) && Text(tab, "title") is { } title && (Text(tab, "sheetType") ?? "GRID") == "GRID")
                {
                    tabs.Add(title);
                }
            }
        }

        return new SpreadsheetProperties(zone, locale, tabs);
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : null;
}
