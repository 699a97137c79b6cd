namespace SpotifyDashboard.Api.Tests.Admin;

public class OverrideReadsTests(GarnetServerFixture garnet) : IClassFixture<GarnetServerFixture>
{
    [Fact]
    public async Task AnOverridesRequeuedAnswersShowAsPendingInTheNextPageAtOnce()
    {
        await garnet.FlushAsync();
        var unmatched = TestClass.Extras().Single(r => r.Response.Id == "extra-accent");
        await TestClass.SaveAsync(garnet.Redis, [unmatched with { Response = unmatched.Response with { Source = "csv" } }]);
        // No reload but by events (and the requeue publishes none): only the override itself can refresh the api's copy.
        await using var factory = AdminApi.Factory(garnet, SurveySourceKind.Csv, settings: new Dictionary<string, string> { ["ClassData:ReloadInterval"] = "00:30:00" });
        using var teacher = factory.Teacher();
        Assert.Equal(EnrichmentState.Unmatched, (await PageAsync(teacher)).Items.Single().Enrichment);

        var accepted = await teacher.PostAsync("/api/overrides", AdminApi.Json(JsonSerializer.Serialize(new
        {
            song = unmatched.Response.FavoriteSong,
            artist = unmatched.Response.Artist,
            track = "4uLU6hMCjMI75M1A2tKUQC",
        })));

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(EnrichmentState.Pending, (await PageAsync(teacher)).Items.Single().Enrichment);
    }

    private static async Task<ResponsePage> PageAsync(HttpClient client) => await ApiJson.OkAsync<ResponsePage>(await client.GetAsync("/api/responses"));
}
