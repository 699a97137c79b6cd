namespace SpotifyDashboard.Web.Tests.Pages;

/// <summary>Answers of <c>/api/data</c> as the api would send them.</summary>
public static class DataSamples
{
    public static readonly DataFacets Facets = new(
        Majors: ["Biology", "Physics"],
        Years: ["1", "2", "3"],
        Clusters: [new ClusterFacet(0, "Chill acoustic", 3), new ClusterFacet(1, "Loud and fast", 2)],
        States: [EnrichmentState.Pending, EnrichmentState.Enriched, EnrichmentState.Unmatched]);

    public static DataRow Row(
        int n,
        string? student = null,
        string? song = null,
        string artist = "ABBA",
        string major = "Physics",
        EnrichmentState enrichment = EnrichmentState.Enriched) =>
        new(
            Id: $"r{n}",
            SubmittedAt: WebTestContext.Now.AddMinutes(-5 * n),
            Student: student ?? $"Quiet Otter {n}",
            Song: song ?? $"Song {n}",
            Artist: artist,
            Major: major,
            Year: "2",
            HoursPerDay: 2.5,
            ListeningTime: "Evening",
            Enrichment: enrichment,
            Features: null,
            Cluster: enrichment == EnrichmentState.Enriched ? 1 : null,
            ClusterName: enrichment == EnrichmentState.Enriched ? "Loud and fast" : null,
            X: null,
            Y: null,
            Z: null,
            DnaScore: enrichment == EnrichmentState.Enriched ? 73.4 : null);

    public static DataPage Page(IReadOnlyList<DataRow> items, long? total = null, long? unfiltered = null) =>
        new(total ?? items.Count, unfiltered ?? total ?? items.Count, AnalysisVersion: 7, items, Facets);

    /// <summary>The page an api holding <paramref name="total"/> answers sends for the request's offset and limit.</summary>
    public static DataPage PageOf(FakeApiRequest request, int total)
    {
        var offset = int.Parse(request.Param("offset") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        var limit = int.Parse(request.Param("limit") ?? "25", System.Globalization.CultureInfo.InvariantCulture);
        var rows = Enumerable.Range(offset + 1, Math.Max(0, Math.Min(limit, total - offset))).Select(n => Row(n)).ToList();
        return Page(rows, total);
    }
}
