using SpotifyDashboard.Core.Music;

namespace SpotifyDashboard.Web.Components.Pages.TwinFinder;

/// <summary>
/// The "Music Twin Finder": a student (found by pseudonym, song or artist; deep link <c>/twins/{id}</c>) or a
/// typed song, its five most similar answers in the class, and its Music DNA score.
/// </summary>
public sealed partial class TwinFinder
{
    private const int TwinCount = 5;

    /// <summary>A popular song's classmates are named up to this many, then counted.</summary>
    private const int SameSongShown = 8;
    private static readonly TimeSpan SearchDelay = TimeSpan.FromMilliseconds(300);

    private TwinsAnswer? _answer;
    private ApiProblem? _problem;
    private IReadOnlyList<DataRow> _candidates = [];
    private bool _searched;
    private bool _busy;
    private int _selected;
    private string _song = "";
    private string _artist = "";
    private (string Song, string Artist)? _comparedSong;
    private CancellationTokenSource? _search;

    [Parameter]
    public string? ResponseId { get; set; }

    private string SearchText { get; set; } = "";

    /// <summary>
    /// The student's twins as the prerendered page showed them, handed to the interactive page so that it starts from
    /// them: no "Loading…" in between, no second api call.
    /// </summary>
    [PersistentState]
    public TwinsAnswer? Prerendered { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        if (ResponseId is not null && ResponseId != _answer?.ResponseId)
        {
            _comparedSong = null;
            _selected = 0;
            if (_answer is null && Prerendered?.ResponseId == ResponseId)
            {
                _answer = Prerendered;
                return;
            }

            await LoadAsync();
            Prerendered = PrerenderedState.IfSmall(_answer);
        }
    }

    // The route's student is loaded when the parameters are set.
    protected override Task OnInitializedAsync() => Task.CompletedTask;

    protected override async Task LoadAsync()
    {
        ApiResult<TwinsAnswer>? result = null;
        if (ResponseId is not null && _comparedSong is null)
        {
            _busy = true;
            result = await Api.GetTwinsAsync(ResponseId, TwinCount);
        }
        else if (_comparedSong is { } song)
        {
            _busy = true;
            result = await Api.FindTwinsAsync(song.Song, song.Artist, TwinCount);
        }

        _busy = false;
        if (result is null)
        {
            return;
        }

        _problem = result.Problem;
        if (result.Value is not null)
        {
            _answer = result.Value;
            _selected = Math.Min(_selected, Math.Max(result.Value.Twins.Count - 1, 0));
        }
        else if (result.Problem is { Status: 404 or 422 or 400 })
        {
            // Not a passing failure: the old answer would mislead.
            _answer = null;
        }
    }

    private async Task SearchAsync()
    {
        _search?.Cancel();
        var search = _search = new CancellationTokenSource();
        var text = SearchText.Trim();
        if (text.Length == 0)
        {
            _candidates = [];
            _searched = false;
            return;
        }

        try
        {
            await Task.Delay(SearchDelay, Time, search.Token);
            var result = await Api.GetDataAsync(new DataQuery(Q: text, State: EnrichmentState.Enriched, Sort: "student", Limit: 8), search.Token);
            if (!search.IsCancellationRequested)
            {
                _candidates = result.Value?.Items ?? [];
                _searched = true;
            }
        }
        catch (OperationCanceledException)
        {
            // The user typed on; a newer search is under way.
        }
    }

    private async Task CompareSongAsync()
    {
        if (string.IsNullOrWhiteSpace(_song))
        {
            _problem = new ApiProblem(400, "Type a song", "The song's title is needed; the artist makes the match more certain.");
            return;
        }

        _comparedSong = (_song.Trim(), _artist.Trim());
        _selected = 0;
        _answer = null;
        await LoadAsync();
    }

    private ChartFigure RadarFigure(TwinsAnswer answer)
    {
        var twin = answer.Twins[_selected];
        IReadOnlyList<RadarSeries> series =
        [
            new(answer.Subject.Student ?? answer.Subject.Song, RadarValues(answer.Subject.Features), ChartPalette.Primary),
            new(twin.Student, RadarValues(twin.Features), ChartPalette.Secondary),
        ];
        return Figures.Radar(AudioProfile.RadarFeatures, series, $"{answer.Version}-{answer.Subject.ResponseId ?? answer.Subject.Song}-{_selected}");
    }

    private static IReadOnlyList<double> RadarValues(AudioFeatures? features) =>
        features is null
            ? [.. AudioProfile.RadarFeatures.Select(_ => 0.0)]
            : [features.Danceability ?? 0, features.Energy ?? 0, features.Speechiness ?? 0, features.Acousticness ?? 0, features.Instrumentalness ?? 0, features.Liveness ?? 0, features.Valence ?? 0];

    private string RadarSummary(TwinsAnswer answer)
    {
        var twin = answer.Twins[_selected];
        return $"Audio profile of {answer.Subject.Student ?? answer.Subject.Song} next to {twin.Student}, {Similarity(twin.Similarity)} alike.";
    }

    private ChartTable RadarTable(TwinsAnswer answer)
    {
        var twin = answer.Twins[_selected];
        var mine = RadarValues(answer.Subject.Features);
        var theirs = RadarValues(twin.Features);
        return new(["Feature", answer.Subject.Student ?? "Your song", twin.Student],
            [.. AudioProfile.RadarFeatures.Select((f, i) => (IReadOnlyList<string>)[f, mine[i].ToString("0.00", CultureInfo.InvariantCulture), theirs[i].ToString("0.00", CultureInfo.InvariantCulture)])]);
    }

    private static string Similarity(double cosine) => Math.Max(cosine, 0).ToString("P0", CultureInfo.InvariantCulture);

    private static string DnaWords(double score) => score switch
    {
        >= 80 => "a rare taste in this class",
        >= 60 => "more unusual than most",
        >= 40 => "somewhere in the middle",
        >= 20 => "close to the class's taste",
        _ => "right at the heart of the class's taste",
    };

    public override async ValueTask DisposeAsync()
    {
        _search?.Cancel();
        await base.DisposeAsync();
    }
}
