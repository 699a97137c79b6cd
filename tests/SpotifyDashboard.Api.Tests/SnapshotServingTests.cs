namespace SpotifyDashboard.Api.Tests;

/// <summary>What the api serves before, across and after snapshot changes. Each test starts from an empty store.</summary>
public class SnapshotServingTests(GarnetServerFixture garnet) : IClassFixture<GarnetServerFixture>
{
    [Fact]
    public async Task EveryAnalysisEndpointSaysNoAnalysisYetBeforeTheWorkerPublishesOne()
    {
        await garnet.FlushAsync();
        await using var factory = new AnalysisApiFactory(garnet.ConnectionString, SurveySourceKind.Demo);
        using var client = factory.CreateClient();

        HttpResponseMessage[] responses =
        [
            await client.GetAsync("/api/clusters"),
            await client.GetAsync("/api/twins/demo-000001"),
            await client.GetAsync("/api/model"),
            await client.PostAsJsonAsync("/api/predict-major", new { song = "Any", artist = "One" }),
        ];

        foreach (var response in responses)
        {
            var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable, "No analysis yet");
            Assert.Contains("'demo'", problem.GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task TheAnalysisOfAnotherSourceIsNeverServed()
    {
        await garnet.FlushAsync();
        await TestSnapshots.SaveAsync(garnet.Redis, "demo");
        await using var factory = new AnalysisApiFactory(garnet.ConnectionString, SurveySourceKind.Csv);
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/api/clusters");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable, "No analysis yet");
        Assert.Contains("'csv'", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ANewSnapshotIsServedAfterItsUpdateEvent()
    {
        await garnet.FlushAsync();
        await TestSnapshots.SaveAsync(garnet.Redis, "demo");
        // A poll far away: only the event can make the api notice the new version in time.
        var settings = new Dictionary<string, string> { ["Analysis:SnapshotPollInterval"] = "00:30:00" };
        await using var factory = new AnalysisApiFactory(garnet.ConnectionString, SurveySourceKind.Demo, settings: settings);
        using var client = factory.CreateClient();
        Assert.Equal(1, await ModelVersionAsync(client));

        var second = await TestSnapshots.SaveAsync(garnet.Redis, "demo", fingerprint: "changed-data");
        await new SurveyResponseStore(garnet.Redis).PublishAsync(new StoreEvent(StoreEvent.SnapshotUpdated, "demo", "2", second.PublishedAt));

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await ModelVersionAsync(client) != 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "The api kept serving version 1 after the snapshot-updated event.");
            await Task.Delay(50);
        }

        var clusters = JsonDocument.Parse(await client.GetStringAsync("/api/clusters")).RootElement;
        Assert.Equal(2, clusters.GetProperty("version").GetInt64());
    }

    private static async Task<long> ModelVersionAsync(HttpClient client)
    {
        var model = JsonDocument.Parse(await client.GetStringAsync("/api/model")).RootElement;
        return model.GetProperty("version").GetInt64();
    }
}
