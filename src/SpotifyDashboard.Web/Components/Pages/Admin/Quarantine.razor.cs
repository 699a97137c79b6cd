using SpotifyDashboard.Core.Ingestion;

namespace SpotifyDashboard.Web.Components.Pages.Admin;

/// <summary>
/// The rows the active source could not use: row number (as in the sheet, header = row 1), every reason, and the row's
/// cells under the survey field each was mapped to (the active source's header mapping; raw headers when there is none).
/// </summary>
public partial class Quarantine
{
    private AdminQuarantinePage? _page;
    private SourceColumns? _columns;
    private ApiProblem? _problem;

    protected override string[] LiveEvents => [StoreEvent.ResponseAdded, StoreEvent.SourceChanged];

    protected override async Task LoadAsync()
    {
        var page = await Admin.GetQuarantineAsync();
        _problem = page.Problem;
        _page = page.Value ?? _page;

        var sources = await Admin.GetSourcesAsync();
        if (sources.Value is { } view)
        {
            _columns = view.Sources.FirstOrDefault(s => s.Active)?.Columns;
        }
    }

    private IEnumerable<(string Field, string Value)> MappedFields(QuarantinedRow row)
    {
        if (_columns is not { Matches.Count: > 0 } columns)
        {
            return row.Raw.Select(cell => (cell.Key, cell.Value));
        }

        return columns.Matches.Select(match => (match.Field, row.Raw.GetValueOrDefault(match.Header) ?? ""));
    }
}
