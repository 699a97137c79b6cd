using System.Text.RegularExpressions;

namespace SpotifyDashboard.TestSupport.GoogleSheets;

/// <summary>
/// The fake's reading of an A1 range, as strict as Google's: a tab name is quoted (<c>'Form Responses 1'!A:J</c>, a
/// <c>'</c> inside doubled); an unquoted name is taken only when it is letters, digits and underscores and cannot be
/// read as a cell (<c>Sheet1</c>); <c>Q1</c> or <c>A1</c> alone is a cell of the first tab, as Google reads it;
/// anything else does not parse.
/// </summary>
public sealed partial record A1Range(FakeTab Tab, int FirstColumn, int? LastColumn, int FirstRow, int? LastRow)
{
    /// <summary>The range, or null with Google's words for a range that does not parse or names no tab.</summary>
    public static A1Range? Parse(string text, FakeSpreadsheet sheet, out string? problem)
    {
        problem = $"Unable to parse range: {text}";
        string? name;
        string? cells;
        if (text.StartsWith('\''))
        {
            var i = 1;
            var title = new System.Text.StringBuilder();
            while (true)
            {
                if (i >= text.Length)
                {
                    return null;
                }

                if (text[i] == '\'')
                {
                    if (i + 1 < text.Length && text[i + 1] == '\'')
                    {
                        title.Append('\'');
                        i += 2;
                        continue;
                    }

                    break;
                }

                title.Append(text[i++]);
            }

            name = title.ToString();
            var rest = text[(i + 1)..];
            if (rest.Length > 0 && !rest.StartsWith('!'))
            {
                return null;
            }

            cells = rest.Length > 1 ? rest[1..] : null;
        }
        else if (text.Contains('!', StringComparison.Ordinal))
        {
            name = text[..text.LastIndexOf('!')];
            cells = text[(text.LastIndexOf('!') + 1)..];
            if (!PlainName().IsMatch(name) || IsCells(name))
            {
                return null;
            }
        }
        else if (IsCells(text))
        {
            name = null;
            cells = text;
        }
        else
        {
            name = PlainName().IsMatch(text) ? text : null;
            cells = null;
            if (name is null)
            {
                return null;
            }
        }

        var tab = name is null ? sheet.Tabs.FirstOrDefault() : sheet.Tabs.FirstOrDefault(t => t.Title == name);
        if (tab is null)
        {
            return null;
        }

        problem = null;
        if (cells is null)
        {
            return new A1Range(tab, 0, null, 1, null);
        }

        var parts = cells.Split(':');
        if (parts.Length > 2 || !IsCells(cells))
        {
            problem = $"Unable to parse range: {text}";
            return null;
        }

        var (c1, r1) = Cell(parts[0]);
        var (c2, r2) = parts.Length == 2 ? Cell(parts[1]) : (c1, r1);
        return new A1Range(tab, c1 ?? 0, c2, r1 ?? 1, r2);
    }

    /// <summary>The cells of the range that hold something, rows from the top; trailing empty cells and rows left out, as Google does.</summary>
    public List<List<object?>> Values(FakeSpreadsheet sheet, bool formatted, bool datesAsSerial)
    {
        var rows = new List<List<object?>>();
        for (var r = FirstRow; r <= (LastRow ?? Tab.Rows.Count) && r <= Tab.Rows.Count; r++)
        {
            var source = Tab.Rows[r - 1];
            var row = new List<object?>();
            for (var c = FirstColumn; c <= (LastColumn ?? source.Count - 1) && c < source.Count; c++)
            {
                row.Add(sheet.Render(source[c], formatted, datesAsSerial));
            }

            while (row.Count > 0 && row[^1] is null)
            {
                row.RemoveAt(row.Count - 1);
            }

            rows.Add([.. row.Select(v => v ?? "")]);
        }

        while (rows.Count > 0 && rows[^1].Count == 0)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        return rows;
    }

    public string Describe() =>
        $"'{Tab.Title.Replace("'", "''", StringComparison.Ordinal)}'!{Column(FirstColumn)}{FirstRow}:{Column(LastColumn ?? Math.Max(0, Tab.Rows.Select(r => r.Count).DefaultIfEmpty(1).Max() - 1))}{LastRow ?? Math.Max(1, Tab.Rows.Count)}";

    private static bool IsCells(string text) => CellsPattern().IsMatch(text);

    private static (int? Column, int? Row) Cell(string part)
    {
        var match = CellPattern().Match(part);
        int? column = match.Groups[1].Value.Length == 0 ? null : match.Groups[1].Value.ToUpperInvariant().Aggregate(0, (n, ch) => (n * 26) + (ch - 'A' + 1)) - 1;
        int? row = match.Groups[2].Value.Length == 0 ? null : int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        return (column, row);
    }

    private static string Column(int index) => index < 26 ? ((char)('A' + index)).ToString() : Column((index / 26) - 1) + (char)('A' + (index % 26));

    [GeneratedRegex(@"^[A-Za-z0-9_]+$")]
    private static partial Regex PlainName();

    [GeneratedRegex(@"^(?:[A-Za-z]{1,3}\d*|\d+)(?::(?:[A-Za-z]{1,3}\d*|\d+))?$")]
    private static partial Regex CellsPattern();

    [GeneratedRegex(@"^([A-Za-z]*)(\d*)$")]
    private static partial Regex CellPattern();
}
