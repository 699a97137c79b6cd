using SpotifyDashboard.Core.Music;

namespace SpotifyDashboard.Core.Contracts.Dashboard;

/// <summary>
/// <c>GET /api/data</c>: one page of the current answers of the active source, filtered and sorted on the server,
/// each joined with its place in the latest analysis. <see cref="Total"/> counts the filtered rows,
/// <see cref="Unfiltered"/> all of them. <see cref="Facets"/> lists the values the filters can take.
/// </summary>
public sealed record DataPage(long Total, long Unfiltered, long? AnalysisVersion, IReadOnlyList<DataRow> Items, DataFacets Facets);

/// <summary>
/// One answer with its analysis: cluster, PCA coordinates and Music DNA score are null while the song is not
/// enriched or the latest analysis does not hold it yet. Pseudonyms only.
/// </summary>
public sealed record DataRow(
    string Id,
    DateTimeOffset SubmittedAt,
    string Student,
    string Song,
    string Artist,
    string Major,
    string Year,
    double? HoursPerDay,
    string ListeningTime,
    EnrichmentState Enrichment,
    AudioFeatures? Features,
    int? Cluster,
    string? ClusterName,
    double? X,
    double? Y,
    double? Z,
    double? DnaScore);

public sealed record DataFacets(
    IReadOnlyList<string> Majors,
    IReadOnlyList<string> Years,
    IReadOnlyList<ClusterFacet> Clusters,
    IReadOnlyList<EnrichmentState> States);

public sealed record ClusterFacet(int Id, string Name, int Size);

/// <summary>
/// The query of <c>GET /api/data</c>, <c>/api/export.csv</c> and <c>/api/export.json</c> (the exports ignore paging).
/// <see cref="Q"/> matches pseudonym, song or artist (case- and accent-insensitive); the others match exactly.
/// <see cref="Sort"/> is one of <see cref="SortKeys"/> (default <c>submittedAt</c>, newest first).
/// </summary>
public sealed record DataQuery(
    string? Q = null,
    string? Major = null,
    string? Year = null,
    int? Cluster = null,
    EnrichmentState? State = null,
    string? Sort = null,
    bool? Desc = null,
    int? Offset = null,
    int? Limit = null)
{
    public static IReadOnlyList<string> SortKeys { get; } =
        ["submittedAt", "student", "song", "artist", "major", "year", "hoursPerDay", "cluster", "dnaScore"];

    /// <summary>The query as a URL query string (no leading '?'), only what is set, every value escaped.</summary>
    public string ToQueryString(bool includePaging = true)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }

        Add("q", Q);
        Add("major", Major);
        Add("year", Year);
        Add("cluster", Cluster?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("state", State?.ToString().ToLowerInvariant());
        Add("sort", Sort);
        Add("desc", Desc is null ? null : Desc.Value ? "true" : "false");
        if (includePaging)
        {
            Add("offset", Offset?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Add("limit", Limit?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return string.Join('&', parts);
    }
}
