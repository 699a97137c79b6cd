namespace SpotifyDashboard.Web.Components.Pages.MajorPredictor;

/// <summary>
/// A song in, a major out, always next to the honest figures: the predictor's cross-validated accuracy and what always
/// guessing the most common major would get. When it is not clearly better, the page says it is guessing.
/// </summary>
public partial class MajorPredictor
{
    /// <summary>Below this many points above the baseline a result is not worth more than a guess.</summary>
    public const double ClearMargin = 0.05;

    private ModelAnswer? _model;
    private ApiProblem? _modelProblem;
    private PredictMajorAnswer? _prediction;
    private ApiProblem? _problem;
    private string _song = "";
    private string _artist = "";
    private bool _busy;
    private IReadOnlyList<RankedSong> _examples = [];

    public static bool ClearlyAboveBaseline(double accuracy, double baseline) => accuracy >= baseline + ClearMargin;

    protected override async Task OnInitializedAsync()
    {
        await LoadAsync();
        // A few songs the class named, so a newcomer can try it with one click.
        _examples = (await Api.GetOverviewAsync()).Value?.TopSongs.Take(4).ToList() ?? [];
    }

    private async Task TryExampleAsync(RankedSong example)
    {
        _song = example.Song;
        _artist = example.Artist;
        await PredictAsync();
    }

    protected override async Task LoadAsync()
    {
        var result = await Api.GetModelAsync();
        _modelProblem = result.Problem;
        _model = result.Value ?? _model;
    }

    private async Task PredictAsync()
    {
        if (string.IsNullOrWhiteSpace(_song))
        {
            _problem = new ApiProblem(400, "Type a song", "The song's title is needed; the artist makes the match more certain.");
            return;
        }

        _busy = true;
        _problem = null;
        var result = await Api.PredictMajorAsync(_song.Trim(), string.IsNullOrWhiteSpace(_artist) ? null : _artist.Trim());
        _busy = false;
        _prediction = result.Value;
        _problem = result.Problem;
    }

    private static string Percent(double value) => value.ToString("P0", CultureInfo.InvariantCulture);

    private static ChartFigure ProbabilityFigure(PredictMajorAnswer p)
    {
        var ordered = p.Probabilities.OrderByDescending(x => x.Probability).ToList();
        return Figures.Bars([.. ordered.Select(x => x.Major)], [.. ordered.Select(x => Math.Round(x.Probability * 100, 1))], "% probability",
            $"{p.Version}-{p.Song.TrackId}", horizontal: true);
    }

    private static string ProbabilitySummary(PredictMajorAnswer p) =>
        "Probability of each major: " + string.Join(", ", p.Probabilities.OrderByDescending(x => x.Probability).Select(x => $"{x.Major} {Percent(x.Probability)}")) + ".";

    private static ChartTable ProbabilityTable(PredictMajorAnswer p) =>
        new(["Major", "Probability"], [.. p.Probabilities.OrderByDescending(x => x.Probability).Select(x => (IReadOnlyList<string>)[x.Major, Percent(x.Probability)])]);
}
