namespace SpotifyDashboard.Api.Tests;

/// <summary>GET /api/overview over a small class counted by hand, without any analysis.</summary>
public class OverviewTests(GarnetServerFixture garnet) : IClassFixture<GarnetServerFixture>
{
    private static readonly AudioFeatures First = new()
    {
        Danceability = 0.2,
        Energy = 0.4,
        Key = 5,
        Loudness = -5.2,
        Mode = 1,
        Speechiness = 0.1,
        Acousticness = 0.5,
        Instrumentalness = 0.0,
        Liveness = 0.1,
        Valence = 0.3,
        Tempo = 100,
        DurationMs = 200_000,
        TimeSignature = 4,
    };

    private static readonly AudioFeatures Second = new()
    {
        Danceability = 0.6,
        Energy = 0.8,
        Key = 2,
        Loudness = -9,
        Mode = 0,
        Speechiness = 0.3,
        Acousticness = 0.1,
        Instrumentalness = 0.2,
        Liveness = 0.3,
        Valence = 0.9,
        Tempo = 140,
        DurationMs = 180_000,
        TimeSignature = 4,
    };

    private static readonly DateTimeOffset Start = new(2025, 9, 1, 8, 0, 0, TimeSpan.Zero);

    private static EnrichedResponse Answer(string id, string student, string song, string artist, string major, string year, double? hours, string time, EnrichmentState state, AudioFeatures? features = null, string? supersededBy = null, int minute = 0) => new()
    {
        Response = new SurveyResponse
        {
            Id = id,
            Source = "demo",
            SubmittedAt = Start.AddMinutes(minute),
            Student = student,
            Name = $"Real Name {id}",
            FavoriteSong = song,
            Artist = artist,
            Major = major,
            Year = year,
            HoursPerDay = hours,
            ListeningTime = time,
            SupersededBy = supersededBy,
        },
        Enrichment = state,
        Features = features,
    };

    private static readonly EnrichedResponse[] SmallClass =
    [
        Answer("a-old", "Amber Otter 0001", "Neon Harbor", "The Echo Foxes", "Biology", "Freshman", 2, "Morning", EnrichmentState.Pending, supersededBy: "a", minute: 0),
        Answer("a", "Amber Otter 0001", "Neon Harbor", "The Echo Foxes", "Biology", "Freshman", 1.5, "Morning", EnrichmentState.Enriched, First, minute: 1),
        Answer("b", "Brisk Badger 0002", "  neon   HARBOR ", "the echo foxes", "Music", "Freshman", 3, "Evening", EnrichmentState.Enriched, Second, minute: 2),
        Answer("c", "Calm Crane 0003", "Neon Harbor", "The Echo Foxes", "Music", "Sophomore", 12.5, "Evening", EnrichmentState.Pending, minute: 3),
        Answer("d", "Dapper Dolphin 0004", "Other Song", "The Echo Foxes", "Biology", "Senior", 0, "Morning", EnrichmentState.Unmatched, minute: 4),
    ];

    private async Task<ClassOverview> OverviewOfTheSmallClassAsync()
    {
        await garnet.FlushAsync();
        await TestClass.SaveAsync(garnet.Redis, SmallClass);
        await using var factory = new AnalysisApiFactory(garnet.ConnectionString, SurveySourceKind.Demo);
        using var client = factory.CreateClient();
        return await ApiJson.OkAsync<ClassOverview>(await client.GetAsync("/api/overview"));
    }

    [Fact]
    public async Task CountsTheCurrentAnswersAndNotTheSupersededOne()
    {
        var overview = await OverviewOfTheSmallClassAsync();

        Assert.Equal("demo", overview.Source);
        Assert.Equal(5, overview.Responses);
        Assert.Equal(4, overview.Students);
        Assert.Equal(2, overview.Enriched);
        Assert.Equal(1, overview.Pending);
        Assert.Equal(1, overview.Unmatched);
        Assert.Equal([new("Biology", 2), new("Music", 2)], overview.Majors);
        Assert.Equal([new("Freshman", 2), new("Senior", 1), new("Sophomore", 1)], overview.Years);
        Assert.Equal([new("Evening", 2), new("Morning", 2)], overview.ListeningTimes);
    }

    [Fact]
    public async Task TopSongsGroupSpellingsAndCountEachStudentOnce()
    {
        var overview = await OverviewOfTheSmallClassAsync();

        Assert.Equal([new("Neon Harbor", "The Echo Foxes", 3), new("Other Song", "The Echo Foxes", 1)], overview.TopSongs);
        Assert.Equal([new("The Echo Foxes", 4)], overview.TopArtists);
    }

    [Fact]
    public async Task HoursPerDayFallInHourBinsWithAnOpenLastBin()
    {
        var overview = await OverviewOfTheSmallClassAsync();

        var bins = overview.HoursPerDay;
        Assert.Equal(13, bins.Count);
        Assert.Equal(Enumerable.Range(0, 13).Select(i => (double)i), bins.Select(b => b.From));
        Assert.Equal(1, bins[0].To);
        Assert.Equal(24, bins[12].To);
        int[] expected = [1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1];
        Assert.Equal(expected, bins.Select(b => b.Count));
    }

    [Fact]
    public async Task TheAudioProfileIsTheMeanOfTheEnrichedAnswers()
    {
        var overview = await OverviewOfTheSmallClassAsync();

        var profile = overview.Profile;
        Assert.Equal(AudioProfile.RadarFeatures, profile.Features);
        Assert.Equal(2, profile.Students);
        // danceability, energy, speechiness, acousticness, instrumentalness, liveness, valence
        AssertClose([0.4, 0.6, 0.2, 0.3, 0.1, 0.2, 0.6], profile.ClassMean);
        Assert.Equal(["Biology", "Music"], profile.ByMajor.Select(m => m.Major));
        Assert.All(profile.ByMajor, m => Assert.Equal(1, m.Students));
        AssertClose([0.2, 0.4, 0.1, 0.5, 0.0, 0.1, 0.3], profile.ByMajor[0].Mean);
        AssertClose([0.6, 0.8, 0.3, 0.1, 0.2, 0.3, 0.9], profile.ByMajor[1].Mean);
    }

    [Fact]
    public async Task WithoutAnAnalysisTheOverviewStillAnswersWithNoHeadline()
    {
        var overview = await OverviewOfTheSmallClassAsync();

        Assert.Null(overview.Analysis);
    }

    [Fact]
    public async Task AnEmptyClassHasAnEmptyOverview()
    {
        await garnet.FlushAsync();
        await using var factory = new AnalysisApiFactory(garnet.ConnectionString, SurveySourceKind.Demo);
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/api/overview");

        var overview = await ApiJson.OkAsync<ClassOverview>(response);
        Assert.Equal(0, overview.Students);
        Assert.Empty(overview.TopSongs);
        Assert.Empty(overview.HoursPerDay);
        Assert.Equal(0, overview.Profile.Students);
    }

    private static void AssertClose(double[] expected, IReadOnlyList<double> actual)
    {
        Assert.Equal(expected.Length, actual.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 9);
        }
    }
}
