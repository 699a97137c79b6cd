namespace SpotifyDashboard.Api.Tests;

public class DemoAnalysisApiTests(DemoAnalysisFixture api) : IClassFixture<DemoAnalysisFixture>
{
    private static async Task<JsonElement> OkJsonAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    [Fact]
    public async Task ClustersAreShapedForA3DScatter()
    {
        var clusters = await OkJsonAsync(await api.Client.GetAsync("/api/clusters"));

        var k = clusters.GetProperty("k").GetInt32();
        var named = clusters.GetProperty("clusters").EnumerateArray().ToList();
        var points = clusters.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal("demo", clusters.GetProperty("source").GetString());
        Assert.Equal(TestSnapshots.DemoClass.Version, clusters.GetProperty("fingerprint").GetString());
        Assert.Equal(k, named.Count);
        Assert.All(named, c => Assert.False(string.IsNullOrWhiteSpace(c.GetProperty("name").GetString())));
        Assert.All(named, c => Assert.NotEmpty(c.GetProperty("profile").EnumerateArray()));
        Assert.Equal(TestSnapshots.Students, named.Sum(c => c.GetProperty("size").GetInt32()));
        Assert.Equal(TestSnapshots.Students, points.Count);
        Assert.All(points, p =>
        {
            Assert.StartsWith("demo-", p.GetProperty("id").GetString());
            Assert.InRange(p.GetProperty("cluster").GetInt32(), 0, k - 1);
            Assert.InRange(p.GetProperty("dnaScore").GetDouble(), 0, 100);
            Assert.Equal(JsonValueKind.Number, p.GetProperty("z").ValueKind);
            Assert.False(string.IsNullOrEmpty(p.GetProperty("label").GetString()));
        });
        Assert.Equal(3, clusters.GetProperty("explainedVariance").GetArrayLength());
        var axes = clusters.GetProperty("axes").EnumerateArray().ToList();
        Assert.Equal(["PC1", "PC2", "PC3"], axes.Select(a => a.GetProperty("name").GetString()));
        Assert.All(axes, a => Assert.Equal(3, a.GetProperty("topFeatures").GetArrayLength()));
        Assert.DoesNotContain("standardized", clusters.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task TwinsOfAResponseComeBestFirstWithTheirReasons()
    {
        var result = await OkJsonAsync(await api.Client.GetAsync("/api/twins/demo-000003?k=7"));

        var twins = result.GetProperty("twins").EnumerateArray().ToList();
        var similarities = twins.Select(t => t.GetProperty("similarity").GetDouble()).ToList();
        Assert.Equal(7, twins.Count);
        Assert.Equal(similarities.OrderDescending(), similarities);
        Assert.All(similarities, s => Assert.InRange(s, -1, 1));
        Assert.DoesNotContain(twins, t => t.GetProperty("id").GetString() == "demo-000003");
        Assert.All(twins, t => Assert.Equal(3, t.GetProperty("because").GetArrayLength()));
    }

    [Fact]
    public async Task TwinsDefaultToFive()
    {
        var result = await OkJsonAsync(await api.Client.GetAsync("/api/twins/demo-000010"));

        Assert.Equal(5, result.GetProperty("twins").GetArrayLength());
    }

    [Fact]
    public async Task TwinsOfAnUnknownResponseAreNotFound()
    {
        var response = await api.Client.GetAsync("/api/twins/nobody");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, "Response not in the analysis");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("51")]
    [InlineData("abc")]
    public async Task ANumberOfTwinsOutside1To50IsABadRequest(string k)
    {
        var response = await api.Client.GetAsync($"/api/twins/demo-000003?k={k}");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(k, problem.GetProperty("errors").GetProperty("k")[0].GetString());
    }

    [Fact]
    public async Task TheModelShowsItsMetricsNextToTheBaselineButNotItsBytes()
    {
        var response = await api.Client.GetAsync("/api/model");
        var raw = await response.Content.ReadAsStringAsync();
        var model = await OkJsonAsync(response);

        var classes = model.GetProperty("classes").GetArrayLength();
        Assert.Equal("trained", model.GetProperty("state").GetString());
        Assert.Equal(1, model.GetProperty("version").GetInt64());
        Assert.InRange(model.GetProperty("cvAccuracy").GetDouble(), 0, 1);
        Assert.InRange(model.GetProperty("cvBalancedAccuracy").GetDouble(), 0, 1);
        Assert.InRange(model.GetProperty("baselineAccuracy").GetDouble(), 0, 1);
        Assert.True(classes >= 2);
        Assert.Equal(classes, model.GetProperty("confusionMatrix").GetArrayLength());
        Assert.All(model.GetProperty("confusionMatrix").EnumerateArray(), row => Assert.Equal(classes, row.GetArrayLength()));
        Assert.NotEmpty(model.GetProperty("featureImportance").EnumerateArray());
        Assert.DoesNotContain("modelBytes", raw, StringComparison.OrdinalIgnoreCase);
        Assert.True(raw.Length < 20_000, $"The model answer is {raw.Length} characters: the model itself must not be in it.");
    }

    [Fact]
    public async Task PredictMajorFindsADemoSongAndGivesEveryMajorsProbability()
    {
        var song = new DemoCatalog(TestSnapshots.DemoSeed).Songs[25];

        var response = await api.Client.PostAsJsonAsync("/api/predict-major", new { song = $"  {song.Title.ToUpperInvariant()} ", artist = song.Artist.ToLowerInvariant() });

        var prediction = await OkJsonAsync(response);
        var probabilities = prediction.GetProperty("probabilities").EnumerateArray().ToList();
        var classes = TestSnapshots.DemoClass.Model.Classes;
        Assert.Equal("predicted", prediction.GetProperty("state").GetString());
        Assert.Contains(prediction.GetProperty("major").GetString(), classes);
        Assert.Equal(classes.Count, probabilities.Count);
        Assert.Equal(1.0, probabilities.Sum(p => p.GetProperty("probability").GetDouble()), 3);
        Assert.Equal(probabilities[0].GetProperty("probability").GetDouble(), prediction.GetProperty("confidence").GetDouble(), 6);
        Assert.Equal(song.Id, prediction.GetProperty("song").GetProperty("trackId").GetString());
        Assert.Equal(song.Features.Energy, prediction.GetProperty("song").GetProperty("features").GetProperty("energy").GetDouble());
    }

    [Fact]
    public async Task PredictMajorWithoutASongIsABadRequest()
    {
        var response = await api.Client.PostAsJsonAsync("/api/predict-major", new { artist = "Someone" });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("song", out _));
    }

    [Fact]
    public async Task PredictMajorOfASongOutsideTheDemoCatalogueSaysSo()
    {
        var response = await api.Client.PostAsJsonAsync("/api/predict-major", new { song = "Bohemian Rhapsody", artist = "Queen" });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity, "Song not found");
        Assert.Contains("Bohemian Rhapsody", problem.GetProperty("detail").GetString());
    }
}
