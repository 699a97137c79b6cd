using Microsoft.AspNetCore.Components.Forms;
using SpotifyDashboard.Web.Spotify;

namespace SpotifyDashboard.Web.Components.Pages.Compare;

/// <summary>
/// A listener compares their own Spotify top tracks with the class (signed in with Spotify), songs they type, a file they
/// already have (a playlist CSV or a Spotify data download), or, in demo mode, a demo listener's. The page asks Spotify for
/// track ids with the listener's token on the server and sends only the ids on; a file goes to the api in memory.
/// </summary>
public partial class Compare : ComponentBase
{
    private bool _signedIn;
    private bool _demo;
    private bool _busy;
    private string? _timeRange = "medium_term";
    private CompareAnswer? _answer;
    private ClustersAnswer? _clusters;
    private ApiProblem? _problem;
    private string? _spotifyProblem;
    private string? _inputProblem;
    private string? _typed;

    [Inject]
    public required DashboardApiClient Api { get; init; }

    [Inject]
    public required IOptions<SpotifyOptions> Options { get; init; }

    [Inject]
    public required SpotifySessions Sessions { get; init; }

    [Inject]
    public required SpotifyListener Listener { get; init; }

    [Inject]
    public required SpotifyTopTracks TopTracks { get; init; }

    /// <summary>How the sign-in went, as the callback reports it.</summary>
    [SupplyParameterFromQuery(Name = SpotifySignIn.OutcomeParameter)]
    public string? Outcome { get; set; }

    private SpotifyOptions SignIn => Options.Value;

    private string? SignInMessage => SpotifySignIn.MessageFor(Outcome);

    protected override async Task OnInitializedAsync()
    {
        _signedIn = SignIn.IsSignInConfigured && await Sessions.ExistsAsync(Listener.SessionId);
        _demo = (await Api.GetStatusAsync()).Value?.Mode == StatusReport.DemoMode;
    }

    private Task CompareMineAsync() => BusyAsync(async () =>
    {
        var top = await TopTracks.GetAsync(Listener.SessionId, _timeRange ?? "medium_term");
        if (top.Problem is { } problem)
        {
            _spotifyProblem = top.Message;
            if (problem == TopTracksProblem.SignedOut)
            {
                Listener.Forget();
                _signedIn = false;
            }
        }
        else if (top.Tracks.Count == 0)
        {
            _spotifyProblem = "Spotify has no top tracks for you in this time range yet. Try a longer one.";
        }
        else
        {
            await ShowAsync(new CompareRequest([.. top.Tracks.Select(t => t.Id)]), top.Tracks);
        }
    });

    private Task CompareDemoAsync() => BusyAsync(() => ShowAsync(new CompareRequest(null, DemoListener: true)));

    private Task CompareTypedAsync() => BusyAsync(async () =>
    {
        var songs = TypedSongs.Read(_typed);
        _inputProblem = songs.Count switch
        {
            0 => "Type at least one song, one per line: Song — Artist.",
            > CompareLimits.MaxSongs => $"Up to {CompareLimits.MaxSongs} songs at a time; you typed {songs.Count}.",
            _ => null,
        };
        if (_inputProblem is null)
        {
            await ShowAsync(new CompareRequest(null, Songs: songs));
        }
    });

    private Task CompareFileAsync(InputFileChangeEventArgs e) => BusyAsync(async () =>
    {
        if (e.File.Size > CompareLimits.MaxFileBytes)
        {
            _inputProblem = $"{e.File.Name} is {e.File.Size / (1024 * 1024.0):0.#} MB; the page reads files up to {CompareLimits.MaxFileBytes / (1024 * 1024)} MB. Use one StreamingHistory file at a time.";
            return;
        }

        using var memory = new MemoryStream();
        await using (var stream = e.File.OpenReadStream(CompareLimits.MaxFileBytes))
        {
            await stream.CopyToAsync(memory);
        }

        await ShowAsync(Api.CompareFileAsync(memory.ToArray()));
    });

    private async Task BusyAsync(Func<Task> compare)
    {
        _busy = true;
        _spotifyProblem = null;
        _inputProblem = null;
        try
        {
            await compare();
        }
        finally
        {
            _busy = false;
        }
    }

    /// <param name="known">The listener's tracks as Spotify named them: the api looks features up by id and may have no
    /// name for a track (without Spotify credentials of its own), while the web just read them.</param>
    private Task ShowAsync(CompareRequest request, IReadOnlyList<SpotifyTrack>? known = null) => ShowAsync(Api.CompareAsync(request), known);

    private async Task ShowAsync(Task<ApiResult<CompareAnswer>> comparing, IReadOnlyList<SpotifyTrack>? known = null)
    {
        var result = await comparing;
        _answer = result.Value is { } answer && known is not null ? WithKnownNames(answer, known) : result.Value;
        _problem = result.Problem;
        if (_answer is not null)
        {
            // The map is extra: without it the answer still stands.
            _clusters = (await Api.GetClustersAsync()).Value;
        }
    }

    private static CompareAnswer WithKnownNames(CompareAnswer answer, IReadOnlyList<SpotifyTrack> known)
    {
        var byId = known.GroupBy(t => t.Id).ToDictionary(g => g.Key, g => g.First());
        return answer with
        {
            Tracks = [.. answer.Tracks.Select(track => string.IsNullOrWhiteSpace(track.Name) && byId.TryGetValue(track.Id, out var named)
                ? track with { Name = named.Name, Artist = named.Artist }
                : track)],
        };
    }

    /// <summary>The class by cluster, as on the Clusters page, and the listener as one highlighted point of their own.</summary>
    private ChartFigure MapFigure(ClustersAnswer clusters, CompareAnswer answer)
    {
        IReadOnlyList<PointGroup> groups = [.. Clusters.Clusters.ByCluster(clusters), new PointGroup("You", "#1DB954",
            [new ClusterPoint(MeId, answer.Point.X, answer.Point.Y, answer.Point.Z, answer.Cluster.Id, answer.DnaScore, null, "You", "your top tracks", "", "", "")])];
        string[] axes = [.. Enumerable.Range(0, 3).Select(i => i < clusters.Axes.Count ? clusters.Axes[i].Name : $"PC{i + 1}")];
        return Figures.Scatter(groups, axes, threeD: _view == "3d",
            revision: $"compare-{clusters.Version}-{answer.Point.X}-{answer.Point.Y}-{answer.Point.Z}-{_view}", uiRevision: $"compare-{_view}", highlightId: MeId);
    }

    private const string MeId = "compare-me";

    /// <summary>3D like the Clusters page; 2D for slower devices.</summary>
    private string _view = "3d";

    /// <summary>A few left out are named (typed songs as typed, so the listener can correct them); a long list is only counted.</summary>
    private static string MissingTitles(CompareAnswer answer) =>
        answer.MissingTrackIds.Count <= CompareLimits.MaxSongs ? ": " + string.Join("; ", answer.MissingTrackIds) : "";

    private static string TimeRangeText(string range) => range switch
    {
        "short_term" => "Last 4 weeks",
        "long_term" => "About a year",
        _ => "Last 6 months",
    };

    private static string Percent(double similarity) => (Math.Max(0, similarity) * 100).ToString("0", CultureInfo.InvariantCulture) + " %";

    private static string Percent(double? share) => share is { } s ? (s * 100).ToString("0", CultureInfo.InvariantCulture) + " %" : "—";

    private static string PredictionText(ComparePrediction prediction) => prediction.Major is { } major
        ? $"Predicted major: {major} (cross-validated accuracy {Percent(prediction.CvAccuracy)} — always guessing the most common major {Percent(prediction.BaselineAccuracy)})"
        : $"No major predicted: {prediction.Reason ?? prediction.State}";
}
