namespace SpotifyDashboard.Web.Components.Pages.ModelQuality;

/// <summary>The major predictor's quality: its errors, what it relies on, and the baseline it has to beat.</summary>
public partial class ModelQuality
{
    private ModelAnswer? _model;
    private ApiProblem? _problem;

    /// <summary>The report the prerendered page showed, for the interactive page to start from (no "Loading…" flash).</summary>
    [PersistentState]
    public ModelAnswer? Prerendered { get; set; }

    protected override async Task OnInitializedAsync()
    {
        if (Prerendered is not null)
        {
            _model = Prerendered;
            return;
        }

        await LoadAsync();
        Prerendered = PrerenderedState.IfSmall(_model);
    }

    protected override async Task LoadAsync()
    {
        var result = await Api.GetModelAsync();
        _problem = result.Problem;
        _model = result.Value ?? _model;
    }

    private static string Percent(double? value) => value?.ToString("P0", CultureInfo.InvariantCulture) ?? "–";

    private static string ConfusionHeight(ModelAnswer m) => $"{Math.Clamp(120 + m.Classes.Count * 48, 280, 620)}px";

    private static ChartFigure ImportanceFigure(ModelAnswer m) =>
        Figures.Bars([.. m.FeatureImportance.Select(f => f.Feature)], [.. m.FeatureImportance.Select(f => Math.Round(f.AccuracyDrop * 100, 2))],
            "points of accuracy lost", $"importance-{m.Version}", horizontal: true, color: ChartPalette.Secondary);

    private static string ConfusionSummary(ModelAnswer m) =>
        "Share of each actual major predicted correctly: " + string.Join(", ", m.Classes.Select((c, i) =>
        {
            var row = m.ConfusionMatrix[i];
            var total = row.Sum();
            return $"{c} {(total == 0 ? 0 : (double)row[i] / total).ToString("P0", CultureInfo.InvariantCulture)} of {total}";
        })) + ".";

    private static ChartTable ConfusionTable(ModelAnswer m) =>
        new(["Actual \\ predicted", .. m.Classes],
            [.. m.Classes.Select((c, i) => (IReadOnlyList<string>)[c, .. m.ConfusionMatrix[i].Select(n => n.ToString(CultureInfo.InvariantCulture))])]);

    private static string ImportanceSummary(ModelAnswer m) =>
        "Accuracy lost when a feature is shuffled: " + string.Join(", ", m.FeatureImportance.Take(6).Select(f => $"{f.Feature} {f.AccuracyDrop * 100:0.0} points")) + ".";

    private static ChartTable ImportanceTable(ModelAnswer m) =>
        new(["Feature", "Accuracy drop (points)"], [.. m.FeatureImportance.Select(f => (IReadOnlyList<string>)[f.Feature, (f.AccuracyDrop * 100).ToString("0.00", CultureInfo.InvariantCulture)])]);
}
