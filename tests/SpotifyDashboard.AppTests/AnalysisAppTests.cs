using System.Net.Http.Json;
using System.Text.Json;

namespace SpotifyDashboard.AppTests;

[Collection(AppCollection.Name)]
public class AnalysisAppTests(AppFixture fixture)
{
    [Fact]
    public async Task TheWorkerPublishesAnAnalysisTheApiServes()
    {
        var clusters = await WholeAppTests.WaitForAsync(
            async () => await fixture.Api.GetAsync("/api/clusters"),
            r => r.IsSuccessStatusCode,
            TimeSpan.FromSeconds(90));
        var body = await clusters.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(5, body.GetProperty("k").GetInt32());
        Assert.True(body.GetProperty("points").GetArrayLength() >= 50);
        Assert.Equal(3, body.GetProperty("explainedVariance").GetArrayLength());
        Assert.All(body.GetProperty("clusters").EnumerateArray(), c => Assert.False(string.IsNullOrWhiteSpace(c.GetProperty("name").GetString())));

        var model = await fixture.Api.GetFromJsonAsync<JsonElement>("/api/model");
        Assert.Equal("trained", model.GetProperty("state").GetString());
        Assert.DoesNotContain("modelBytes", model.GetRawText(), StringComparison.OrdinalIgnoreCase);

        var someone = body.GetProperty("points")[0].GetProperty("id").GetString();
        var twins = await fixture.Api.GetFromJsonAsync<JsonElement>($"/api/twins/{someone}?k=3");
        Assert.Equal(3, twins.GetProperty("twins").GetArrayLength());
    }

    [Fact]
    public async Task PredictsAMajorForADemoSong()
    {
        await WholeAppTests.WaitForAsync(async () => await fixture.Api.GetAsync("/api/model"), r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(90));
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
}
