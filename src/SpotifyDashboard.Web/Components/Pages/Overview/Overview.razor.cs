namespace SpotifyDashboard.Web.Components.Pages.Overview;

/// <summary>The class at a glance: tiles, distributions, the top songs and artists, and the audio profile.</summary>
public partial class Overview
{
    private ClassOverview? _overview;
    private ApiProblem? _problem;
    private string? _lastJson;
    private int _revision;
    private string _comparedMajor = "";

    /// <summary>
    /// What the prerendered page showed, handed to the interactive one: it starts from the same data instead of an empty
    /// page (no flash of "Loading…", no join panel blinking away) and without asking the api twice.
    /// </summary>
    [PersistentState]
    public ClassOverview? Prerendered { get; set; }

    protected override async Task OnInitializedAsync()
    {
        if (Prerendered is not null)
        {
            _overview = Prerendered;
            _lastJson = JsonSerializer.Serialize(Prerendered);
            _revision++;
            return;
        }

        await LoadAsync();
        Prerendered = PrerenderedState.IfSmall(_overview);
    }

    protected override string[] LiveEvents => [.. LiveUpdates.ResponseEvents, .. LiveUpdates.AnalysisEvents];

    protected override async Task LoadAsync()
    {
        var result = await Api.GetOverviewAsync();
        // Without an answer the page keeps showing what was there and says why it is not current.
        _problem = result.Problem;
        if (result.Value is { } overview && JsonSerializer.Serialize(overview) is var json && json != _lastJson)
        {
            _lastJson = json;
            _revision++;
            _overview = overview;
        }
    }

    private string Revision(string chart) => $"{chart}-{_revision}";

    private ChartFigure CountBars(string chart, IReadOnlyList<CategoryCount> counts, bool horizontal = false) =>
        Figures.Bars([.. counts.Select(c => c.Name)], [.. counts.Select(c => (double)c.Count)], "students", Revision(chart), horizontal);

    private ChartFigure HoursFigure(ClassOverview o) =>
        Figures.Bars([.. o.HoursPerDay.Select(BinLabel)], [.. o.HoursPerDay.Select(b => (double)b.Count)], "students", Revision("hours"), color: ChartPalette.Secondary);

    private ChartFigure TopSongsFigure(ClassOverview o) =>
        Figures.Bars([.. o.TopSongs.Select(s => $"{s.Song} — {s.Artist}")], [.. o.TopSongs.Select(s => (double)s.Students)], "students", Revision("songs"), horizontal: true);

    private ChartFigure ProfileFigure(ClassOverview o)
    {
        var series = new List<RadarSeries> { new("The class", o.Profile.ClassMean, ChartPalette.Primary) };
        if (o.Profile.ByMajor.FirstOrDefault(m => m.Major == _comparedMajor) is { } major)
        {
            series.Add(new RadarSeries(major.Major, major.Mean, ChartPalette.Secondary));
        }

        return Figures.Radar(o.Profile.Features, series, Revision("profile-" + _comparedMajor));
    }

    private static string BinLabel(HistogramBin bin) =>
        double.IsPositiveInfinity(bin.To) || bin.To >= 24 ? $"{Number(bin.From)}+" : $"{Number(bin.From)}–{Number(bin.To)}";

    private static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Percent(double value) => value.ToString("P0", CultureInfo.InvariantCulture);

    private static string CountSummary(string title, IReadOnlyList<CategoryCount> counts) =>
        counts.Count == 0 ? $"{title}: none yet." : $"{title}: " + string.Join(", ", counts.Take(8).Select(c => $"{c.Name} {c.Count}")) + (counts.Count > 8 ? ", …" : ".");

    private static ChartTable CountTable(string name, IReadOnlyList<CategoryCount> counts) =>
        new([name, "Students"], [.. counts.Select(c => (IReadOnlyList<string>)[c.Name, c.Count.ToString(CultureInfo.InvariantCulture)])]);

    private static string HoursSummary(ClassOverview o) =>
        "Hours of music per day: " + string.Join(", ", o.HoursPerDay.Select(b => $"{BinLabel(b)} h: {b.Count}")) + ".";

    private static ChartTable HoursTable(ClassOverview o) =>
        new(["Hours per day", "Students"], [.. o.HoursPerDay.Select(b => (IReadOnlyList<string>)[BinLabel(b), b.Count.ToString(CultureInfo.InvariantCulture)])]);

    private static string TopSongsSummary(ClassOverview o) =>
        o.TopSongs.Count == 0 ? "No songs yet." : "Most named songs: " + string.Join("; ", o.TopSongs.Take(5).Select(s => $"{s.Song} by {s.Artist} ({s.Students})")) + ".";

    private static ChartTable TopSongsTable(ClassOverview o) =>
        new(["Song", "Artist", "Students"], [.. o.TopSongs.Select(s => (IReadOnlyList<string>)[s.Song, s.Artist, s.Students.ToString(CultureInfo.InvariantCulture)])]);

    private static string ProfileSummary(ClassOverview o) =>
        "Mean audio features of the class: " + string.Join(", ", o.Profile.Features.Select((f, i) => $"{f} {o.Profile.ClassMean[i]:0.00}")) + ".";

    private static ChartTable ProfileTable(ClassOverview o) =>
        new(["Feature", "Class", .. o.Profile.ByMajor.Select(m => m.Major)],
            [.. o.Profile.Features.Select((f, i) => (IReadOnlyList<string>)[f, o.Profile.ClassMean[i].ToString("0.00", CultureInfo.InvariantCulture), .. o.Profile.ByMajor.Select(m => m.Mean[i].ToString("0.00", CultureInfo.InvariantCulture))])]);
}
