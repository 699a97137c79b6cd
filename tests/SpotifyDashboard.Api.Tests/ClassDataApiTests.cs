using SpotifyDashboard.Analysis;
using SpotifyDashboard.Analysis.Features;

namespace SpotifyDashboard.Api.Tests;

/// <summary>Overview, clusters and twins with display fields, over the demo analysis and the stored demo class.</summary>
public class ClassDataApiTests(ClassDataFixture api) : IClassFixture<ClassDataFixture>
{
    [Fact]
    public async Task TheOverviewCountsMatchTheStoredData()
    {
        var overview = await ApiJson.OkAsync<ClassOverview>(await api.Client.GetAsync("/api/overview"));

        var current = api.Current;
        Assert.Equal(api.Stored.Count, overview.Responses);
        Assert.Equal(current.Count, overview.Students);
        Assert.Equal(api.Stored.Count - 1, overview.Students);
        Assert.Equal(current.Count(r => r.Enrichment == EnrichmentState.Enriched), overview.Enriched);
        Assert.Equal(current.Count(r => r.Enrichment == EnrichmentState.Pending), overview.Pending);
        Assert.Equal(current.Count(r => r.Enrichment == EnrichmentState.Unmatched), overview.Unmatched);
        Assert.Equal(current.Count, overview.Majors.Sum(m => m.Count));
        Assert.Equal(current.Count(r => r.Response.Major == "Music"), overview.Majors.Single(m => m.Name == "Music").Count);
        Assert.Equal(overview.Majors.Select(m => m.Count).OrderDescending(), overview.Majors.Select(m => m.Count));
        Assert.Equal(TestSnapshots.Students, overview.Profile.Students);
        Assert.DoesNotContain(overview.TopSongs, s => s.Song == "Old Favourite");
        Assert.True(overview.TopSongs.Count <= 10);
    }

    [Fact]
    public async Task TheOverviewHasTheLatestAnalysisInOneLine()
    {
        var overview = await ApiJson.OkAsync<ClassOverview>(await api.Client.GetAsync("/api/overview"));

        var model = TestSnapshots.DemoClass.Model;
        var headline = Assert.IsType<AnalysisHeadline>(overview.Analysis);
        Assert.Equal(1, headline.Version);
        Assert.Equal(4, headline.Clusters);
        Assert.Equal(TestSnapshots.Students, headline.AnalysedRows);
        Assert.Equal("trained", headline.ModelState);
        Assert.Equal(model.CvAccuracy, headline.CvAccuracy);
        Assert.Equal(model.BaselineAccuracy, headline.BaselineAccuracy);
        Assert.Equal(model.BaselineClass, headline.BaselineClass);
    }

    [Fact]
    public async Task ClusterPointsCarryTheirStudentSongAndMajor()
    {
        var clusters = JsonDocument.Parse(await api.Client.GetStringAsync("/api/clusters")).RootElement;

        var points = clusters.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(TestSnapshots.Students, points.Count);
        Assert.All(points, p =>
        {
            var stored = api.Stored.Single(r => r.Response.Id == p.GetProperty("id").GetString()).Response;
            Assert.Equal(stored.Student, p.GetProperty("student").GetString());
            Assert.Equal(stored.FavoriteSong, p.GetProperty("song").GetString());
            Assert.Equal(stored.Artist, p.GetProperty("artist").GetString());
            Assert.Equal(stored.Major, p.GetProperty("major").GetString());
            Assert.Equal(stored.Year, p.GetProperty("year").GetString());
        });
        Assert.Contains(points, p => p.GetProperty("student").GetString() != points[0].GetProperty("student").GetString());
    }

    [Fact]
    public async Task TwinsOfAResponseShowTheSubjectAndWhoEachTwinIs()
    {
        var answer = await ApiJson.OkAsync<TwinsAnswer>(await api.Client.GetAsync("/api/twins/demo-000003?k=6"));

        var subject = api.Stored.Single(r => r.Response.Id == "demo-000003");
        var point = TestSnapshots.DemoClass.Points.Single(p => p.Id == "demo-000003");
        Assert.Equal("demo-000003", answer.ResponseId);
        Assert.Equal(6, answer.K);
        Assert.Equal(1, answer.Version);
        Assert.Equal(DnaScore.Formula, answer.DnaFormula);
        Assert.Equal("demo-000003", answer.Subject.ResponseId);
        Assert.Equal(subject.Response.Student, answer.Subject.Student);
        Assert.Equal(subject.Response.FavoriteSong, answer.Subject.Song);
        Assert.Equal(subject.Response.Artist, answer.Subject.Artist);
        Assert.Equal(subject.Response.Major, answer.Subject.Major);
        Assert.Equal(point.DnaScore, answer.Subject.DnaScore);
        Assert.Equal(subject.Features, answer.Subject.Features);
        Assert.Equal(subject.Track!.Id, answer.Subject.TrackId);
        Assert.Equal(6, answer.Twins.Count);
        Assert.All(answer.Twins, twin =>
        {
            var stored = api.Stored.Single(r => r.Response.Id == twin.Id);
            Assert.Equal(stored.Response.Student, twin.Student);
            Assert.Equal(stored.Response.FavoriteSong, twin.Song);
            Assert.Equal(stored.Response.Artist, twin.Artist);
            Assert.Equal(stored.Features, twin.Features);
            Assert.Equal(stored.Response.Major, twin.Label);
        });
    }

    [Fact]
    public async Task TwinsOfATypedDemoSongComeBestFirstWithItsPlaceInTheClass()
    {
        var song = new DemoClassGenerator(TestSnapshots.DemoSeed).Generate(3).Song;

        var response = await api.Client.PostAsJsonAsync("/api/twins", new { song = $" {song.Title.ToLowerInvariant()} ", artist = song.Artist, k = 8 });

        var answer = await ApiJson.OkAsync<TwinsAnswer>(response);
        var similarities = answer.Twins.Select(t => t.Similarity).ToList();
        Assert.Null(answer.ResponseId);
        Assert.Equal(8, answer.K);
        Assert.Null(answer.Subject.ResponseId);
        Assert.Null(answer.Subject.Student);
        Assert.Equal(song.Title, answer.Subject.Song);
        Assert.Equal(song.Artist, answer.Subject.Artist);
        Assert.Equal(song.Id, answer.Subject.TrackId);
        Assert.Equal(song.Features, answer.Subject.Features);
        Assert.Equal(ExpectedPlace(song.Features), answer.Subject.DnaScore);
        Assert.Equal(8, answer.Twins.Count);
        Assert.Equal(similarities.OrderDescending(), similarities);
        // Student 3 named this very song: alike by construction, so named apart from the twins, who chose other songs.
        Assert.Contains(answer.SameSong, p => p.Id == "demo-000003");
        Assert.All(answer.SameSong, p => Assert.False(string.IsNullOrEmpty(p.Student)));
        Assert.All(answer.Twins, t => Assert.NotEqual(song.Title, t.Song));
        Assert.All(similarities, s => Assert.True(s < 1 - 1e-6, $"a twin is {s} alike"));
        Assert.All(answer.Twins, t => Assert.False(string.IsNullOrEmpty(t.Student)));
        Assert.Equal(DnaScore.Formula, answer.DnaFormula);
    }

    [Fact]
    public async Task TwinsOfATypedSongDefaultToFive()
    {
        var song = new DemoCatalog(TestSnapshots.DemoSeed).Songs[25];

        var answer = await ApiJson.OkAsync<TwinsAnswer>(await api.Client.PostAsJsonAsync("/api/twins", new { song = song.Title, artist = song.Artist }));

        Assert.Equal(5, answer.K);
        Assert.Equal(5, answer.Twins.Count);
    }

    [Fact]
    public async Task TwinsOfATypedSongNeedASong()
    {
        var response = await api.Client.PostAsJsonAsync("/api/twins", new { artist = "Someone" });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("song", out _));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(51)]
    public async Task TwinsOfATypedSongNeedAKFrom1To50(int k)
    {
        var song = new DemoCatalog(TestSnapshots.DemoSeed).Songs[25];

        var response = await api.Client.PostAsJsonAsync("/api/twins", new { song = song.Title, artist = song.Artist, k });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains($"'{k}'", problem.GetProperty("errors").GetProperty("k")[0].GetString());
    }

    [Fact]
    public async Task TwinsOfASongOutsideTheDemoCatalogueAreUnprocessable()
    {
        var response = await api.Client.PostAsJsonAsync("/api/twins", new { song = "Bohemian Rhapsody", artist = "Queen" });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity, "Song not found");
        Assert.Contains("Bohemian Rhapsody", problem.GetProperty("detail").GetString());
    }

    /// <summary>The song's distance from the class average, ranked among the snapshot's 60 (mid-rank, n = 60), by hand.</summary>
    private static double ExpectedPlace(AudioFeatures features)
    {
        var snapshot = TestSnapshots.DemoClass;
        var scaler = FeatureScaler.FromSnapshot(snapshot);
        var standardized = new double[scaler.UsedColumns.Length];
        Assert.True(scaler.TryStandardize(FeatureScaler.RawVector(features), standardized));
        var distance = Math.Sqrt(standardized.Sum(v => v * v));
        var distances = snapshot.Points.Select(p => Math.Sqrt(p.Standardized!.Sum(v => v * v))).ToList();
        var below = distances.Count(d => d < distance - 1e-9);
        var ties = distances.Count(d => Math.Abs(d - distance) <= 1e-9);
        return Math.Round(100.0 * (below + 0.5 * ties) / distances.Count, 1);
    }
}
