using SpotifyDashboard.Core.Ingestion;

using SpotifyDashboard.Ingestion.Validation;
using SpotifyDashboard.Core.Survey;

namespace SpotifyDashboard.Ingestion.Mapping;

/// <summary>Which column (0-based) holds each field that was found.</summary>
public sealed class HeaderMapping(IReadOnlyList<string> headers, IReadOnlyDictionary<SurveyField, int> columns)
{
    public IReadOnlyList<string> Headers => headers;

    public IReadOnlyDictionary<SurveyField, int> Columns => columns;

    public int? ColumnOf(SurveyField field) => columns.TryGetValue(field, out var column) ? column : null;

    /// <summary>The cell of <paramref name="field"/> in a row, or "" when the field has no column.</summary>
    public string Cell(IReadOnlyList<string> cells, SurveyField field) =>
        columns.TryGetValue(field, out var column) && column < cells.Count ? cells[column] : "";

    /// <summary>The reportable form, for <c>/api/status</c>; with how the timestamp column's dates were read, when that mattered.</summary>
    public SourceColumns ToReport(DateOrderChoice? dates = null)
    {
        var used = columns.Values.ToHashSet();
        return new SourceColumns(
            [.. columns.OrderBy(c => c.Value).Select(c => new ColumnMatch(c.Key.ToString(), headers[c.Value], c.Value))],
            headers,
            [.. headers.Where((_, i) => !used.Contains(i))],
            dates is { DayMonthDates: > 0 } ? dates.Describe() : null);
    }
}
