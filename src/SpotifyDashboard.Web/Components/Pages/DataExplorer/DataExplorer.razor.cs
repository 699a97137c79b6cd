using Microsoft.FluentUI.AspNetCore.Components;
using SpotifyDashboard.Core.Music;

namespace SpotifyDashboard.Web.Components.Pages.DataExplorer;

/// <summary>
/// Every current answer in one table. Sorting, filtering and paging all happen on the api, one page at a time,
/// so the page stays as fast with 10,000 answers as with 10.
/// </summary>
public sealed partial class DataExplorer
{
    public static IReadOnlyList<int> PageSizes { get; } = [25, 50, 100];

    internal static readonly TimeSpan SearchDelay = TimeSpan.FromMilliseconds(300);

    private static readonly IReadOnlyList<DataColumn> Columns =
    [
        new("Student", "student"),
        new("Song", "song"),
        new("Artist", "artist"),
        new("Major", "major"),
        new("Year", "year"),
        new("Hours/day", "hoursPerDay", Numeric: true),
        new("Enrichment", null),
        new("Cluster", "cluster"),
        new("DNA score", "dnaScore", Numeric: true),
        new("Submitted", "submittedAt"),
    ];

    private DataQuery _query = new(Sort: "submittedAt", Desc: true, Offset: 0, Limit: PageSizes[0]);
    private DataPage? _answer;
    private ApiProblem? _problem;
    private string _search = "";
    private CancellationTokenSource? _typing;
    private int _sequence;

    private int Offset => _query.Offset ?? 0;

    private int Limit => _query.Limit ?? PageSizes[0];

    private bool HasFilter => _query is not { Q: null, Major: null, Year: null, Cluster: null, State: null };

    // A refresh asks for the query as it is then: the reader keeps their page, sort and filters.
    protected override string[] LiveEvents => [.. LiveUpdates.ResponseEvents, .. LiveUpdates.AnalysisEvents];

    protected override async Task LoadAsync()
    {
        var sequence = ++_sequence;
        var query = _query;
        var result = await Api.GetDataAsync(query);
        if (sequence != _sequence)
        {
            // The reader changed the query meanwhile; the newer request decides what shows.
            return;
        }

        // Without an answer the page keeps showing what was there and says why it is not current.
        _problem = result.Problem;
        if (result.Value is { Items.Count: 0, Total: > 0 } && Offset > 0)
        {
            // Answers went away under the reader's page (a source switch, a smaller filter result): show the last page that exists.
            _query = _query with { Offset = LastPageOffset(result.Value.Total) };
            await LoadAsync();
            return;
        }

        _answer = result.Value ?? _answer;
    }

    private Task ApplyAsync(DataQuery query)
    {
        _query = query;
        return LoadAsync();
    }

    private Task FilterAsync(Func<DataQuery, DataQuery> change) => ApplyAsync(change(_query) with { Offset = 0 });

    private Task OnMajorChanged(ChangeEventArgs e) => FilterAsync(q => q with { Major = Chosen(e) });

    private Task OnYearChanged(ChangeEventArgs e) => FilterAsync(q => q with { Year = Chosen(e) });

    private Task OnClusterChanged(ChangeEventArgs e) =>
        FilterAsync(q => q with { Cluster = int.TryParse(Chosen(e), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : null });

    private Task OnStateChanged(ChangeEventArgs e) =>
        FilterAsync(q => q with { State = Enum.TryParse<EnrichmentState>(Chosen(e), ignoreCase: true, out var state) ? state : null });

    private async Task OnSearchInput(ChangeEventArgs e)
    {
        _search = e.Value?.ToString() ?? "";
        // Cancel synchronously: the new wait must start before this handler first yields.
        _typing?.Cancel();
        _typing?.Dispose();

        var typing = _typing = new CancellationTokenSource();
        try
        {
            // Ask once the reader pauses, not on every key.
            await Task.Delay(SearchDelay, Time, typing.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var text = string.IsNullOrWhiteSpace(_search) ? null : _search.Trim();
        if (text != _query.Q)
        {
            await FilterAsync(q => q with { Q = text });
        }
    }

    private Task ClearFiltersAsync()
    {
        _typing?.Cancel();
        _search = "";
        return FilterAsync(q => q with { Q = null, Major = null, Year = null, Cluster = null, State = null });
    }

    private Task SortByAsync(string key)
    {
        var desc = _query.Sort == key ? _query.Desc != true : false;
        return ApplyAsync(_query with { Sort = key, Desc = desc, Offset = 0 });
    }

    private Task OnPageSizeChanged(ChangeEventArgs e) =>
        int.TryParse(e.Value?.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var size) && PageSizes.Contains(size)
            ? ApplyAsync(_query with { Limit = size, Offset = Offset / size * size })
            : Task.CompletedTask;

    private Task GoToOffsetAsync(int offset) => ApplyAsync(_query with { Offset = Math.Max(0, offset) });

    private int LastPageOffset(long total) => (int)((Math.Max(total, 1) - 1) / Limit * Limit);

    private string? AriaSort(DataColumn column) =>
        column.SortKey is not null && column.SortKey == _query.Sort ? (_query.Desc == true ? "descending" : "ascending") : null;

    private string SortGlyph(DataColumn column) =>
        column.SortKey is not null && column.SortKey == _query.Sort ? (_query.Desc == true ? "▼" : "▲") : "";

    private string ExportHref(string format) => $"/data/export.{format}?{_query.ToQueryString(includePaging: false)}";

    private static string RangeText(DataPage answer, int offset)
    {
        var first = answer.Items.Count == 0 ? 0 : offset + 1;
        var last = offset + answer.Items.Count;
        var of = answer.Total == answer.Unfiltered ? "" : $" (of {answer.Unfiltered} answers)";
        return $"Rows {first}–{last} of {answer.Total}{of}";
    }

    private string PageText(DataPage answer) =>
        $"Page {Offset / Limit + 1} of {Math.Max(1, (answer.Total + Limit - 1) / Limit)}";

    // A chosen value stays selectable while a live refresh no longer lists it (the filter still applies).
    private static string? Chosen(ChangeEventArgs e) => e.Value?.ToString() is { Length: > 0 } value ? value : null;

    private static string StateValue(EnrichmentState state) => state.ToString().ToLowerInvariant();

    private static BadgeColor StateColor(EnrichmentState state) => state switch
    {
        EnrichmentState.Enriched => BadgeColor.Success,
        EnrichmentState.Unmatched => BadgeColor.Warning,
        _ => BadgeColor.Informative,
    };

    private static string Hours(double? hours) => hours?.ToString("0.#", CultureInfo.InvariantCulture) ?? "–";

    private static string Score(double? score) => score?.ToString("0", CultureInfo.InvariantCulture) ?? "–";

    private static string ClusterText(DataRow row) => row.ClusterName ?? (row.Cluster is { } id ? $"Cluster {id}" : "–");

    private static string Iso(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private string Relative(DateTimeOffset at)
    {
        var ago = Time.GetUtcNow() - at;
        return ago switch
        {
            { TotalMinutes: < 1 } => "just now",
            { TotalHours: < 1 } => $"{(int)ago.TotalMinutes} min ago",
            { TotalDays: < 1 } => $"{(int)ago.TotalHours} h ago",
            { TotalDays: < 30 } => $"{(int)ago.TotalDays} d ago",
            _ => at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
    }

    public override async ValueTask DisposeAsync()
    {
        _typing?.Cancel();
        _typing?.Dispose();
        await base.DisposeAsync();
    }

    private sealed record DataColumn(string Title, string? SortKey, bool Numeric = false);
}
