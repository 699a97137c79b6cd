namespace SpotifyDashboard.Api.Tests;

/// <summary>POST /api/compare without demo data, and before any analysis.</summary>
public class CompareOutsideDemoTests(GarnetServerFixture garnet) : IClassFixture<GarnetServerFixture>
{
    private Task<(AnalysisApiFactory Factory, HttpClient Client)> StartCsvApiAsync(ITrackFeatureLookup? lookup) =>
        AnalysisApiFactory.StartCsvAsync(garnet, lookup);

    [Fact]
    public async Task TheTracksAreLookedUpByIdInOneCall()
    {
        var lookup = new FakeTrackFeatureLookup();
        var (factory, client) = await StartCsvApiAsync(lookup);
        await using var _ = factory;

        var response = await client.PostAsJsonAsync("/api/compare", new
        {
            trackIds = new[] { "spotify:track:4uLU6hMCjMI75M1A2tKUQC", "https://open.spotify.com/track/7ouMYWpwJ422jRcDASZB7P", "1111111111111111111111", "4uLU6hMCjMI75M1A2tKUQC" },
        });

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var answer = JsonDocument.Parse(body).RootElement;
        var tracks = answer.GetProperty("tracks").EnumerateArray().ToList();
        Assert.Equal(["4uLU6hMCjMI75M1A2tKUQC", "7ouMYWpwJ422jRcDASZB7P"], tracks.Select(t => t.GetProperty("id").GetString()));
        Assert.Equal(FakeTrackFeatureLookup.Known["4uLU6hMCjMI75M1A2tKUQC"].Title, tracks[0].GetProperty("name").GetString());
        Assert.Equal(["1111111111111111111111"], answer.GetProperty("missingTrackIds").EnumerateArray().Select(e => e.GetString()));
        var call = Assert.Single(lookup.Calls);
        Assert.Equal(["4uLU6hMCjMI75M1A2tKUQC", "7ouMYWpwJ422jRcDASZB7P", "1111111111111111111111"], call);
    }

    [Fact]
    public async Task AProviderOutageIsServiceUnavailableNotMissingTracks()
    {
        var (factory, client) = await StartCsvApiAsync(new FakeTrackFeatureLookup());
        await using var _ = factory;

        var response = await client.PostAsJsonAsync("/api/compare", new { trackIds = new[] { "4uLU6hMCjMI75M1A2tKUQC", FakeTrackFeatureLookup.Down } });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable, "Track lookup unavailable");
        Assert.Contains("ReccoBeats", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task WithoutATrackLookupTheApiSaysItCannotEnrich()
    {
        var (factory, client) = await StartCsvApiAsync(lookup: null);
        await using var _ = factory;

        var response = await client.PostAsJsonAsync("/api/compare", new { trackIds = new[] { "4uLU6hMCjMI75M1A2tKUQC" } });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable, "Track lookup unavailable");
        Assert.Contains("not set up", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task DemoIdsAreUnknownOutsideDemoMode()
    {
        var lookup = new FakeTrackFeatureLookup();
        var (factory, client) = await StartCsvApiAsync(lookup);
        await using var _ = factory;

        var response = await client.PostAsJsonAsync("/api/compare", new { trackIds = new[] { "demo:pop-01" } });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity, "No track features");
        Assert.Empty(lookup.Calls);
    }

    [Fact]
    public async Task TheDemoListenerNeedsDemoData()
    {
        await garnet.FlushAsync();
        await TestSnapshots.SaveAsync(garnet.Redis, "csv");
        await using var factory = new AnalysisApiFactory(garnet.ConnectionString, SurveySourceKind.Csv);
        using var client = factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/compare", new { demoListener = true });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("only available with demo data", problem.GetProperty("errors").GetProperty("demoListener")[0].GetString());
    }

    [Fact]
    public async Task BeforeAnyAnalysisItSaysSo()
    {
        await garnet.FlushAsync();
        await using var factory = new AnalysisApiFactory(garnet.ConnectionString, SurveySourceKind.Demo);
        using var client = factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/compare", new { demoListener = true });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable, "No analysis yet");
    }
}
