namespace SpotifyDashboard.Web.Tests.Pages;

/// <summary>Answers of the analysis routes as the api would send them, with user strings that look like markup.</summary>
public static class AnalysisSamples
{
    public const string XssSong = "<img src=x onerror=alert(1)>";
    public const string XssArtist = "<b>x</b> & \"y\"";
    public const string QuoteMajor = "Women's Studies";

    public const string XssSongEncoded = "&lt;img src=x onerror=alert(1)&gt;";
    public const string XssArtistEncoded = "&lt;b&gt;x&lt;/b&gt; &amp; &quot;y&quot;";
    public const string QuoteMajorEncoded = "Women&#39;s Studies";

    public static readonly AudioFeatures Features = new()
    {
        Danceability = 0.7,
        Energy = 0.8,
        Speechiness = 0.05,
        Acousticness = 0.1,
        Instrumentalness = 0.0,
        Liveness = 0.2,
        Valence = 0.9,
    };

    public static AnalysisHeadline Headline(long version = 4, string state = "trained", double? accuracy = 0.72, double? baseline = 0.5) =>
        new(version, WebTestContext.Now, AnalysedRows: 3, Clusters: 2, state, accuracy, baseline, "Physics");

    public static ClassOverview Overview(
        long students = 3,
        long enriched = 3,
        long pending = 0,
        long unmatched = 0,
        AnalysisHeadline? analysis = null,
        bool withAnalysis = true,
        string song = "Dancing Queen",
        string artist = "ABBA",
        string major = "Physics")
    {
        IReadOnlyList<double> mean = [0.6, 0.7, 0.1, 0.2, 0.05, 0.15, 0.5];
        return new ClassOverview(
            Source: "live",
            Responses: students,
            Students: students,
            Enriched: enriched,
            Pending: pending,
            Unmatched: unmatched,
            Majors: students == 0 ? [] : [new(major, 2), new("Biology", 1)],
            Years: students == 0 ? [] : [new("2", 3)],
            ListeningTimes: students == 0 ? [] : [new("Evening", 3)],
            HoursPerDay: students == 0 ? [] : [new(0, 2, 1), new(2, 4, 2)],
            TopSongs: students == 0 ? [] : [new(song, artist, 2), new("Waterloo", "ABBA", 1)],
            TopArtists: students == 0 ? [] : [new(artist, 2), new("ABBA", 1)],
            Profile: new AudioProfile(AudioProfile.RadarFeatures, (int)enriched, enriched == 0 ? [] : mean, enriched == 0 ? [] : [new MajorProfile(major, 2, mean)]),
            Analysis: withAnalysis ? analysis ?? Headline() : null);
    }

    public static ClusterPoint Point(string id, int cluster, string major, string song = "Song", string artist = "Artist", string year = "2") =>
        new(id, X: 0.1, Y: 0.2, Z: 0.3, cluster, DnaScore: 50, Label: major, Student: $"Student {id}", song, artist, major, year);

    public static ClustersAnswer Clusters(long version = 4, string source = "live", IReadOnlyList<ClusterPoint>? points = null)
    {
        IReadOnlyList<FeatureProfile> profile = [new("energy", 0.8, 0.5, 1.2), new("acousticness", 0.1, 0.3, -0.8)];
        return new ClustersAnswer(
            version, "fp", WebTestContext.Now, source, K: 2, AutoK: true, Silhouette: 0.41, InertiaPerRow: 0.9,
            ExplainedVariance: [0.31, 0.2, 0.1],
            Axes: [new("PC1", 0.31, [new("energy", 0.5)]), new("PC2", 0.2, [new("valence", 0.4)]), new("PC3", 0.1, [new("tempo", 0.3)])],
            Clusters: [new(0, "Chill acoustic", 2, profile), new(1, "Loud and fast", 1, profile)],
            Points: points ??
            [
                Point("r1", 0, "Physics", XssSong, XssArtist),
                Point("r2", 0, QuoteMajor),
                Point("r3", 1, "Physics"),
            ],
            ExcludedRows: 0,
            Warnings: []);
    }

    public static ModelAnswer Model(long version = 4, double? accuracy = 0.72, double? baseline = 0.5) =>
        new(version, "fp", WebTestContext.Now, "live", ModelState.Trained, null, LabelledRows: 30, "LightGBM",
            Classes: ["Biology", "Physics", QuoteMajor],
            ClassCounts: [10, 12, 0],
            Folds: 5, Iterations: 100,
            CvAccuracy: accuracy, CvBalancedAccuracy: 0.6, BaselineAccuracy: baseline, BaselineClass: "Physics", BaselineBalancedAccuracy: 0.33,
            ConfusionMatrix: [[6, 3, 1], [2, 9, 1], [0, 0, 0]],
            FeatureImportance: [new("energy", 0.08), new("valence", 0.03)],
            UsedFeatures: ["energy", "valence"],
            Standardization: [], ExcludedRows: [], Warnings: []);

    public static ModelAnswer NotEnoughData(string reason = "Only one major has five students with audio features.") =>
        new(2, "fp", WebTestContext.Now, "live", ModelState.NotEnoughData, reason, LabelledRows: 4, "LightGBM",
            Classes: [], ClassCounts: [], Folds: 0, Iterations: 0,
            CvAccuracy: null, CvBalancedAccuracy: null, BaselineAccuracy: null, BaselineClass: null, BaselineBalancedAccuracy: null,
            ConfusionMatrix: [], FeatureImportance: [], UsedFeatures: [], Standardization: [], ExcludedRows: [], Warnings: []);

    public static PredictMajorAnswer Prediction(string title = "Dancing Queen", string artist = "ABBA", long version = 4) =>
        new(PredictMajorAnswer.Predicted, null, "Physics", 0.61,
            [new("Biology", 0.25), new("Physics", 0.61), new(QuoteMajor, 0.14)],
            new PredictedSong(title, artist, "t1", "spotify", Features),
            version, 0.72, 0.5);

    public static TwinsAnswer Twins(
        string? responseId = "r1", long version = 4, int count = 5, string? student = "Quiet Otter", string song = "Dancing Queen",
        IReadOnlyList<SameSongPeer>? sameSong = null) =>
        new(responseId, 5, version,
            new TwinSubject(responseId, student, song, "ABBA", "Physics", 73.4, Features, "t1", "spotify"),
            [.. Enumerable.Range(1, count).Select(n => new TwinMatch(
                $"t{n}", "Biology", 1.0 - n * 0.1,
                [new("energy", 0.3), new("valence", 0.2), new("danceability", 0.1)],
                $"Teal Fox {n}", $"Twin song {n}", $"Twin artist {n}", Features))],
            sameSong ?? [],
            "DNA score = how far the song sits from the class's average taste, as a percentile.");

    public static ResponseItem Response(int n, EnrichmentState enrichment = EnrichmentState.Enriched, string? song = null) =>
        new($"r{n}", WebTestContext.Now.AddMinutes(-n), $"Quiet Otter {n}", "Physics", "2", song ?? $"Song {n}", "ABBA", enrichment, null, null);

    public static ResponsePage Responses(params ResponseItem[] items) => new(items.Length, items);
}
