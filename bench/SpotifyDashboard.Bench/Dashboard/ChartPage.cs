namespace SpotifyDashboard.Bench.Dashboard;

/// <summary>
/// A page that draws charts, as the <c>dashboard</c> command times it: <paramref name="Path"/> may hold <c>{id}</c>, a
/// student's id; <paramref name="Action"/> is what a student clicks before the page draws (a selector), when the page
/// draws only after it; <paramref name="Scene"/>: its first chart is the 3D one (a WebGL canvas), with its own target.
/// </summary>
public sealed record ChartPage(string Name, string Path, string? Action = null, bool Scene = false)
{
    public const double ChartTargetMs = 1000;
    public const double SceneTargetMs = 1500;

    /// <summary>Every page with a chart; the predictor draws after a song (an example's button), Compare after "Try with a demo listener".</summary>
    public static readonly ChartPage[] All =
    [
        new("Overview", "/"),
        new("Clusters (3D)", "/clusters", Scene: true),
        new("Model quality", "/model"),
        new("Major predictor", "/predict", Action: "#predict-examples button"),
        new("Twin", "/twins/{id}"),
        new("Compare (demo)", "/compare", Action: "#compare-demo"),
    ];

    public double TargetMs => Scene ? SceneTargetMs : ChartTargetMs;

    public string Resolve(string responseId) => Path.Replace("{id}", Uri.EscapeDataString(responseId), StringComparison.Ordinal);
}
