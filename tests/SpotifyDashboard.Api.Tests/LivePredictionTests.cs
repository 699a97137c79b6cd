namespace SpotifyDashboard.Api.Tests;

/// <summary>POST /api/predict-major outside demo mode: the song goes through the enrichment lookup.</summary>
public class LivePredictionTests(GarnetServerFixture garnet) : IClassFixture<GarnetServerFixture>
{
    /// <summary>Without the worker's batch enricher too, which needs the lookup.</summary>
    private Task<(AnalysisApiFactory Factory, HttpClient Client)> StartCsvApiAsync(ISongFeatureLookup? lookup) =>
        AnalysisApiFactory.StartCsvAsync(garnet, lookup, typeof(SongEnricher));

    [Fact]
    public async Task TheSongIsEnrichedThenItsMajorPredicted()
    {
        var lookup = new FakeSongFeatureLookup();
        var (factory, client) = await StartCsvApiAsync(lookup);
        await using var _ = factory;

        var response = await client.PostAsJsonAsync("/api/predict-major", new { song = "Real Song", artist = "Real Artist" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var prediction = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("predicted", prediction.GetProperty("state").GetString());
        Assert.Equal(1.0, prediction.GetProperty("probabilities").EnumerateArray().Sum(p => p.GetProperty("probability").GetDouble()), 3);
        Assert.Equal("reccobeats", prediction.GetProperty("song").GetProperty("featureSource").GetString());
        Assert.Equal([("Real Song", "Real Artist")], lookup.Calls);
    }

    [Fact]
    public async Task ASongNoProviderKnowsIsUnprocessable()
    {
        var (factory, client) = await StartCsvApiAsync(new FakeSongFeatureLookup());
        await using var _ = factory;

        var response = await client.PostAsJsonAsync("/api/predict-major", new { song = "Nothing Like It", artist = "Nobody" });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity, "Song not found");
        Assert.Contains(EnrichmentReasons.NoMatch, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AProviderOutageIsServiceUnavailableWithItsReason()
    {
        var (factory, client) = await StartCsvApiAsync(new FakeSongFeatureLookup());
        await using var _ = factory;

        var response = await client.PostAsJsonAsync("/api/predict-major", new { song = "Provider Down", artist = "Anyone" });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable, "Song lookup unavailable");
        Assert.Contains("ReccoBeats", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task WithoutASongLookupTheApiSaysItCannotEnrich()
    {
        var (factory, client) = await StartCsvApiAsync(lookup: null);
        await using var _ = factory;

        var response = await client.PostAsJsonAsync("/api/predict-major", new { song = "Real Song", artist = "Real Artist" });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable, "Song lookup unavailable");
        Assert.Contains("not set up", problem.GetProperty("detail").GetString());
    }
}
