namespace SpotifyDashboard.Core.Contracts.Dashboard;

/// <summary>
/// <c>GET /api/overview</c>: the class at a glance, over the current answers of the active source (an answer
/// replaced by the same student's later one is not counted). Never 503: before any analysis,
/// <see cref="Analysis"/> is null and the counts still show.
/// </summary>
public sealed record ClassOverview(
    string Source,
    long Responses,
    long Students,
    long Enriched,
    long Pending,
    long Unmatched,
    IReadOnlyList<CategoryCount> Majors,
    IReadOnlyList<CategoryCount> Years,
    IReadOnlyList<CategoryCount> ListeningTimes,
    IReadOnlyList<HistogramBin> HoursPerDay,
    IReadOnlyList<RankedSong> TopSongs,
    IReadOnlyList<CategoryCount> TopArtists,
    AudioProfile Profile,
    AnalysisHeadline? Analysis);

/// <summary>How many students gave one answer (a major, a year, an artist…), most first.</summary>
public sealed record CategoryCount(string Name, int Count);

/// <summary>Students whose hours per day fall in [<see cref="From"/>, <see cref="To"/>).</summary>
public sealed record HistogramBin(double From, double To, int Count);

/// <summary>A song and how many students named it (each student counted once).</summary>
public sealed record RankedSong(string Song, string Artist, int Students);

/// <summary>
/// Mean of the 0–1 audio features (<see cref="Features"/> order) over enriched answers: the class's, and each major's.
/// </summary>
public sealed record AudioProfile(IReadOnlyList<string> Features, int Students, IReadOnlyList<double> ClassMean, IReadOnlyList<MajorProfile> ByMajor)
{
    /// <summary>The features on the 0–1 scale, so one radar can show them together.</summary>
    public static IReadOnlyList<string> RadarFeatures { get; } =
        ["danceability", "energy", "speechiness", "acousticness", "instrumentalness", "liveness", "valence"];
}

public sealed record MajorProfile(string Major, int Students, IReadOnlyList<double> Mean);

/// <summary>The latest analysis in one line: how many clusters, and the predictor next to its baseline.</summary>
public sealed record AnalysisHeadline(
    long Version,
    DateTimeOffset TrainedAt,
    int AnalysedRows,
    int Clusters,
    string ModelState,
    double? CvAccuracy,
    double? BaselineAccuracy,
    string? BaselineClass);
