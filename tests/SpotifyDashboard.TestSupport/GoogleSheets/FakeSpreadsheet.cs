using System.Globalization;

namespace SpotifyDashboard.TestSupport.GoogleSheets;

/// <summary>
/// A spreadsheet as the Sheets API holds it: tabs in order, each a grid of typed cells (text, a number, a boolean, or a
/// date-time as a wall-clock <see cref="DateTime"/> in the sheet's own <see cref="TimeZone"/>), and the sheet's zone
/// and locale, which decide how a date is rendered. A linked Form writes its answers to a tab named in the Form's
/// language; the defaults here are a German teacher's sheet.
/// </summary>
public sealed class FakeSpreadsheet
{
    public string Title { get; init; } = "Musikumfrage (Antworten)";

    /// <summary>An IANA zone: serial numbers are days since 1899-12-30 on this zone's wall clock.</summary>
    public string TimeZone { get; init; } = "Europe/Berlin";

    /// <summary>As Google writes it: <c>de_DE</c>, <c>en_US</c>, <c>en_GB</c>.</summary>
    public string Locale { get; init; } = "de_DE";

    public List<FakeTab> Tabs { get; } = [];

    public FakeTab AddTab(string title, params IReadOnlyList<object?>[] rows)
    {
        var tab = new FakeTab(title);
        tab.Rows.AddRange(rows);
        Tabs.Add(tab);
        return tab;
    }

    public CultureInfo Culture => CultureInfo.GetCultureInfo(Locale.Replace('_', '-'));

    private static readonly DateTime SerialEpoch = new(1899, 12, 30);

    /// <summary>A cell as <c>values.get</c> answers it for the render options asked for, or null for an empty cell.</summary>
    public object? Render(object? cell, bool formatted, bool datesAsSerial) => cell switch
    {
        null => null,
        string text => text.Length == 0 ? null : text,
        DateTime at => formatted || !datesAsSerial ? FormatDate(at) : (at - SerialEpoch).TotalDays,
        bool flag => formatted ? (flag ? "TRUE" : "FALSE") : flag,
        IConvertible number => formatted ? Convert.ToDouble(number, CultureInfo.InvariantCulture).ToString("0.##########", Culture) : Convert.ToDouble(number, CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"A fake cell holds text, a number, a boolean or a DateTime, not {cell.GetType().Name}."),
    };

    /// <summary>The locale's date, then the time as a Forms timestamp column shows it (<c>20.11.2026 9:15:02</c>, <c>11/20/2026 9:15:02</c>).</summary>
    public string FormatDate(DateTime when) =>
        when.ToString(Culture.DateTimeFormat.ShortDatePattern, Culture) + " " + when.ToString("H:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>The UTC instant of a wall-clock time in the sheet's zone: what a reader must arrive at.</summary>
    public DateTimeOffset Utc(DateTime wallClock)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
        return new DateTimeOffset(wallClock, zone.GetUtcOffset(wallClock)).ToUniversalTime();
    }
}

/// <summary>One tab: its title and its rows, each a list of cells (shorter rows are empty to the right).</summary>
public sealed class FakeTab(string title)
{
    public string Title => title;

    /// <summary>A grid holds values; a chart on its own tab (OBJECT) holds none.</summary>
    public string SheetType { get; init; } = "GRID";

    public List<IReadOnlyList<object?>> Rows { get; } = [];
}
