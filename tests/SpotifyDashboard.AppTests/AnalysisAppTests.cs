using System.Net.Http.Json;
using System.Text.Json;

namespace SpotifyDashboard.AppTests;

[Collection(AppCollection.Name)]
public class AnalysisAppTests(AppFixture fixture)
{
    [Fact]
    public async Task TheWorkerPublishesAnAnalysisTheApiServes()
    {
        // The worker may publish a first analysis before the demo class is stored: wait for one over the class.
        var body = await WholeAppTests.WaitForAsync(ReadClustersAsync, c => c.ValueKind == JsonValueKind.Object && c.TryGetProperty("points", out var p) && p.GetArrayLength() >= 50, TimeSpan.FromSeconds(90));

        Assert.Equal(5, body.GetProperty("k").GetInt32());
        Assert.True(body.GetProperty("points").GetArrayLength() >= 50);
        Assert.Equal(3, body.GetProperty("explainedVariance").GetArrayLength());
        Assert.All(body.GetProperty("clusters").EnumerateArray(), c => Assert.False(string.IsNullOrWhiteSpace(c.GetProperty("name").GetString())));

        var model = await ReadModelAsync();
        Assert.Equal("trained", model.GetProperty("state").GetString());
        Assert.DoesNotContain("modelBytes", model.GetRawText(), StringComparison.OrdinalIgnoreCase);

        var someone = body.GetProperty("points")[0].GetProperty("id").GetString();
        var twins = await fixture.Api.GetFromJsonAsync<JsonElement>($"/api/twins/{someone}?k=3");
        Assert.Equal(3, twins.GetProperty("twins").GetArrayLength());
    }

    [Fact]
    public async Task PredictsAMajorForADemoSong()
    {
        await WholeAppTests.WaitForAsync(ReadModelAsync, m => m.ValueKind == JsonValueKind.Object && m.TryGetProperty("state", out var state) && state.GetString() == "trained", TimeSpan.FromSeconds(90));
        var newest = (await fixture.Api.GetFromJsonAsync<JsonElement>("/api/responses?limit=1")).GetProperty("items")[0];

        var response = await fixture.Api.PostAsJsonAsync("/api/predict-major", new
        {
            song = newest.GetProperty("song").GetString(),
            artist = newest.GetProperty("artist").GetString(),
        });
        response.EnsureSuccessStatusCode();
        var prediction = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("predicted", prediction.GetProperty("state").GetString());
        var probabilities = prediction.GetProperty("probabilities").EnumerateArray().Select(p => p.GetProperty("probability").GetDouble()).ToList();
        Assert.InRange(probabilities.Sum(), 0.99, 1.01);
    }

    private async Task<JsonElement> ReadClustersAsync()
    {
        var response = await fixture.Api.GetAsync("/api/clusters");
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
    }

    private async Task<JsonElement> ReadModelAsync()
    {
        var response = await fixture.Api.GetAsync("/api/model");
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
    }
}
