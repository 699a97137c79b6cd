namespace SpotifyDashboard.Ingestion.Reading;

/// <summary>
/// A1 notation for the Sheets API. A tab's name is always quoted: unquoted, a tab called <c>Q1</c> or <c>A1</c> is read
/// as a cell, and a name with spaces or punctuation does not parse at all.
/// </summary>
public static class SheetsA1
{
    /// <summary><c>'name'</c>, with each <c>'</c> inside doubled.</summary>
    public static string Quote(string tabName) => $"'{tabName.Replace("'", "''", StringComparison.Ordinal)}'";

    /// <summary>
    /// The range to read for <c>Survey:Range</c>: one with <c>!</c> (<c>'Q1'!A:J</c>) or already quoted is used as it is;
    /// a plain tab name is quoted; null when it is not set (the responses tab is then looked for).
    /// </summary>
    public static string? RangeFor(string? setting)
    {
        if (string.IsNullOrWhiteSpace(setting))
        {
            return null;
        }

        var text = setting.Trim();
        var quoted = text.Length >= 2 && text[0] == '\'' && text[^1] == '\'';
        return quoted || text.Contains('!', StringComparison.Ordinal) ? text : Quote(text);
    }
}
