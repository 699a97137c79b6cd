namespace SpotifyDashboard.Web.Components.Pages.Clusters;

/// <summary>
/// The class in the space of its first three principal components, coloured by cluster, major or year, with a card per
/// cluster. A new analysis redraws the points in place: the camera stays where the viewer left it.
/// </summary>
public partial class Clusters
{
    private ClustersAnswer? _clusters;
    private ApiProblem? _problem;
    private int _cameraResets;

    [SupplyParameterFromQuery(Name = "colour")]
    public string? ColourByQuery { get; set; }

    private string ColourBy { get; set; } = "cluster";

    private string View { get; set; } = "3d";

    protected override void OnParametersSet()
    {
        if (ColourByQuery is "cluster" or "major" or "year")
        {
            ColourBy = ColourByQuery;
        }
    }

    protected override async Task LoadAsync()
    {
        var result = await Api.GetClustersAsync();
        _problem = result.Problem;
        if (result.Value is { } clusters && clusters.Version != _clusters?.Version)
        {
            _clusters = clusters;
        }
    }

    private void ResetCamera() => _cameraResets++;

    private ChartFigure ScatterFigure(ClustersAnswer clusters)
    {
        var groups = ColourBy switch
        {
            "major" => Group(clusters.Points, p => p.Major ?? p.Label),
            "year" => Group(clusters.Points, p => p.Year),
            _ => ByCluster(clusters),
        };

        // The revision redraws on new data or options; the ui revision keeps the camera until "Reset view".
        return Figures.Scatter(groups, AxisTitles(clusters), View == "3d",
            revision: $"{clusters.Version}-{ColourBy}-{View}-{_cameraResets}",
            uiRevision: $"{clusters.Source}-{View}-{_cameraResets}");
    }

    /// <summary>The points coloured by cluster, as the Compare page shows them too.</summary>
    internal static List<PointGroup> ByCluster(ClustersAnswer clusters)
    {
        var names = clusters.Clusters.ToDictionary(c => c.Id, c => c.Name);
        return [.. clusters.Points.GroupBy(p => p.Cluster).OrderBy(g => g.Key)
            .Select(g => new PointGroup(names.GetValueOrDefault(g.Key, $"Cluster {g.Key + 1}"), ChartPalette.ForIndex(g.Key), [.. g]))];
    }

    private static List<PointGroup> Group(IEnumerable<ClusterPoint> points, Func<ClusterPoint, string?> key) =>
        [.. points
            .GroupBy(p => key(p) is { } value && !string.IsNullOrWhiteSpace(value) ? value : "(not given)")
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select((g, i) => new PointGroup(g.Key, ChartPalette.ForIndex(i), [.. g]))];

    /// <summary>"PC1 · 31 % · energy, loudness, acousticness": what the axis spreads people by.</summary>
    private static string[] AxisTitles(ClustersAnswer clusters) =>
        [.. Enumerable.Range(0, 3).Select(i => i < clusters.Axes.Count
            ? $"{clusters.Axes[i].Name} · {clusters.Axes[i].ExplainedVariance.ToString("P0", CultureInfo.InvariantCulture)} · {string.Join(", ", clusters.Axes[i].TopFeatures.Select(f => f.Feature))}"
            : $"PC{i + 1}")];

    private static IEnumerable<FeatureProfile> Distinctive(ClusterSummary cluster) =>
        cluster.Profile.OrderByDescending(p => Math.Abs(p.ZScore)).Take(5);

    private static string BarWidth(double z) => $"{Math.Min(Math.Abs(z) / 2.0, 1) * 100:0}%";

    private static string Share(int part, int whole) => whole == 0 ? "0 %" : ((double)part / whole).ToString("P0", CultureInfo.InvariantCulture);

    private static string Summary(ClustersAnswer clusters) =>
        $"3D scatter of {clusters.Points.Count} students in {clusters.K} clusters: " +
        string.Join("; ", clusters.Clusters.OrderByDescending(c => c.Size).Select(c => $"{c.Name}, {c.Size} students")) + ".";

    private static ChartTable ClusterTable(ClustersAnswer clusters) =>
        new(["Cluster", "Students", "Most distinctive features (z-score)"],
            [.. clusters.Clusters.OrderByDescending(c => c.Size).Select(c => (IReadOnlyList<string>)[
                c.Name,
                c.Size.ToString(CultureInfo.InvariantCulture),
                string.Join(", ", Distinctive(c).Select(p => $"{p.Feature} {p.ZScore.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture)}"))])]);
}
