namespace SpotifyDashboard.Api.Data;

/// <summary>
/// The class's current answers joined with one analysis: each answer's cluster, PCA point and Music DNA score.
/// Immutable and made once per (load of the answers, snapshot version) by <see cref="ClassDataCache"/>, so a
/// request only filters and sorts what is already in memory.
/// </summary>
public sealed class ClassTable
{
    private ClassOverview? _overview;

    public ClassTable(ClassResponses responses, ServedAnalysis? analysis)
    {
        Responses = responses;
        Analysis = analysis;
        Rows = [.. responses.Current.Select(item => new ClassRow(ToRow(item, analysis)))];
        Facets = new DataFacets(
            Distinct(Rows.Select(r => r.Row.Major)),
            Distinct(Rows.Select(r => r.Row.Year)),
            analysis is null ? [] : [.. analysis.Snapshot.Clustering.Clusters.OrderBy(c => c.Id).Select(c => new ClusterFacet(c.Id, c.Name, c.Size))],
            [.. Rows.Select(r => r.Row.Enrichment).Distinct().Order()]);
    }

    /// <summary>Answers kept per view: clusters, overview, and twins per (response, k) up to this many.</summary>
    public const int AnswerLimit = 4096;

    public ClassResponses Responses { get; }

    /// <summary>Answers made from this view (its answers joined with its analysis), each serialized once.</summary>
    public AnswerCache Answers { get; } = new(AnswerLimit);

    public string Source => Responses.Source;

    /// <summary>The latest analysis of the source, or null before the worker has published one.</summary>
    public ServedAnalysis? Analysis { get; }

    /// <summary>The current answers, oldest first.</summary>
    public IReadOnlyList<ClassRow> Rows { get; }

    public DataFacets Facets { get; }

    /// <summary>Made on first use and kept: every overview of this view is the same.</summary>
    public ClassOverview Overview => _overview ??= ClassOverviewBuilder.From(this);

    /// <summary>Any stored answer, superseded ones included (for display next to an older analysis).</summary>
    public EnrichedResponse? Find(string id) => Responses.Find(id);

    /// <summary>Every row the query's filters keep, in its order (paging is the caller's).</summary>
    public List<ClassRow> Select(DataQuery query)
    {
        var q = TextSearch.Fold(query.Q);
        var major = query.Major?.Trim();
        var year = query.Year?.Trim();
        var matching = new List<ClassRow>(Rows.Count);
        foreach (var row in Rows)
        {
            if ((q.Length == 0 || row.Matches(q))
                && (string.IsNullOrEmpty(major) || string.Equals(row.Row.Major.Trim(), major, StringComparison.OrdinalIgnoreCase))
                && (string.IsNullOrEmpty(year) || string.Equals(row.Row.Year.Trim(), year, StringComparison.OrdinalIgnoreCase))
                && (query.Cluster is null || row.Row.Cluster == query.Cluster)
                && (query.State is null || row.Row.Enrichment == query.State))
            {
                matching.Add(row);
            }
        }

        matching.Sort(DataSort.Comparison(query.Sort, query.Desc));
        return matching;
    }

    private static DataRow ToRow(EnrichedResponse item, ServedAnalysis? analysis)
    {
        var r = item.Response;
        var point = analysis?.FindPoint(r.Id);
        var clusterName = point is null ? null : analysis!.ClusterNames.GetValueOrDefault(point.Cluster);
        // Only an enriched answer has a place in the analysis; an older snapshot may still hold one now pending again.
        var analysed = point is not null && item.Enrichment == EnrichmentState.Enriched;
        return new DataRow(
            r.Id,
            r.SubmittedAt,
            r.Student,
            r.FavoriteSong,
            r.Artist,
            r.Major,
            r.Year,
            r.HoursPerDay,
            r.ListeningTime,
            item.Enrichment,
            item.Features,
            analysed ? point!.Cluster : null,
            analysed ? clusterName : null,
            analysed ? point!.X : null,
            analysed ? point!.Y : null,
            analysed ? point!.Z : null,
            analysed ? point!.DnaScore : null);
    }

    private static List<string> Distinct(IEnumerable<string> values) =>
        [.. values.Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}

/// <summary>One current answer's <see cref="DataRow"/> and the folded text the grid searches and sorts by (made once per view).</summary>
public sealed record ClassRow(DataRow Row)
{
    public string Student { get; } = TextSearch.Fold(Row.Student);

    public string Song { get; } = TextSearch.Fold(Row.Song);

    public string Artist { get; } = TextSearch.Fold(Row.Artist);

    public string Major { get; } = TextSearch.Fold(Row.Major);

    public string Year { get; } = TextSearch.Fold(Row.Year);

    /// <summary>Whether the folded <paramref name="foldedQuery"/> is part of the pseudonym, song or artist.</summary>
    public bool Matches(string foldedQuery) =>
        Student.Contains(foldedQuery, StringComparison.Ordinal)
        || Song.Contains(foldedQuery, StringComparison.Ordinal)
        || Artist.Contains(foldedQuery, StringComparison.Ordinal);
}
