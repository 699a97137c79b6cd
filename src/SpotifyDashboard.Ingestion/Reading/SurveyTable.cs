namespace SpotifyDashboard.Ingestion.Reading;

/// <summary>
/// What a source holds, before any interpretation: the header row and the data rows as raw text,
/// every row padded to the header's width.
/// </summary>
public sealed record SurveyTable(IReadOnlyList<string> Headers, IReadOnlyList<SurveyRow> Rows)
{
    /// <summary>The zone the source counts its dates in, when it says (a Google Sheet does): an IANA id.</summary>
    public string? TimeZone { get; init; }

    /// <summary>The source's locale, when it says (a Google Sheet does, as <c>de_DE</c>): the order of day and month in text dates.</summary>
    public string? Locale { get; init; }

    public static SurveyTable Create(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var width = headers.Count;
        var list = new List<SurveyRow>();
        var number = 1;
        foreach (var cells in rows)
        {
            number++;
            list.Add(new SurveyRow(number, Pad(cells, Math.Max(width, cells.Count))));
        }

        return new SurveyTable(headers, list);
    }

    /// <summary>Sheets omits trailing empty cells and CSV rows can be short: missing cells are empty.</summary>
    private static IReadOnlyList<string> Pad(IReadOnlyList<string> cells, int width)
    {
        if (cells.Count >= width)
        {
            return cells;
        }

        var padded = new string[width];
        for (var i = 0; i < width; i++)
        {
            padded[i] = i < cells.Count ? cells[i] : "";
        }

        return padded;
    }
}

/// <summary>One data row. <see cref="Number"/> is its row in the sheet: the header is row 1, the first answer row 2.</summary>
public sealed record SurveyRow(int Number, IReadOnlyList<string> Cells);
