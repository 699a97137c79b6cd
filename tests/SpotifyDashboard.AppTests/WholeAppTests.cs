using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SpotifyDashboard.Core.Contracts;
using SpotifyDashboard.Core.Storage;

namespace SpotifyDashboard.AppTests;

[Collection(AppCollection.Name)]
public class WholeAppTests(AppFixture fixture)
{
    private static readonly string[] FeatureNames =
    [
        "danceability", "energy", "key", "loudness", "mode", "speechiness", "acousticness",
        "instrumentalness", "liveness", "valence", "tempo", "durationMs", "timeSignature",
    ];

    [Fact]
    public async Task EveryServiceReportsHealthy()
    {
        foreach (var resource in new[] { "api", "web", "worker", "cache-garnet" })
        {
            using var client = fixture.App.CreateHttpClient(resource, "http");
            var response = await client.GetAsync("/health");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task ApiServesAtLeastFiftyResponsesWithAllThirteenFeatures()
    {
        var page = await WaitForAsync(
            () => fixture.Api.GetFromJsonAsync<JsonElement>("/api/responses?limit=500"),
            p => p.GetProperty("total").GetInt64() >= 50);

        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.True(items.Count >= 50);
        foreach (var item in items)
        {
            var features = item.GetProperty("features");
            foreach (var name in FeatureNames)
            {
                Assert.Equal(JsonValueKind.Number, features.GetProperty(name).ValueKind);
            }

            Assert.False(string.IsNullOrWhiteSpace(item.GetProperty("student").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(item.GetProperty("song").GetString()));
        }

        var times = items.Select(i => i.GetProperty("submittedAt").GetDateTimeOffset()).ToList();
        Assert.Equal(times.OrderDescending(), times);
    }

    [Fact]
    public async Task ResponseCountGrowsWhileTheAppRuns()
    {
        var first = await GetStatusAsync();
        // Responses are written before the source's status, so wait for both to move.
        var later = await WaitForAsync(GetStatusAsync, s => s.Responses > first.Responses && s.LastUpdate > first.LastUpdate, TimeSpan.FromSeconds(30));

        Assert.Equal(StatusReport.DemoMode, later.Mode);
    }

    [Fact]
    public async Task LiveFeedPageShowsTheStudentsSongs()
    {
        var page = await fixture.Api.GetFromJsonAsync<ResponsePage>("/api/responses?limit=5", DashboardJson.Options);
        var html = await fixture.Web.GetStringAsync("/live");

        Assert.Contains("Live Feed", html);
        Assert.Contains("Demo data", html);
        var shown = page!.Items.Count(item => html.Contains(WebUtility.HtmlEncode(item.Song), StringComparison.Ordinal));
        Assert.True(shown >= 4, $"only {shown} of the 5 newest songs are in the page");
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=501", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("offset=-1", "offset")]
    public async Task BadPagingValuesGetA400ThatSaysWhy(string query, string field)
    {
        var response = await fixture.Api.GetAsync($"/api/responses?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("must be a whole number", problem.GetProperty("errors").GetProperty(field)[0].GetString());
    }

    [Fact]
    public async Task ApiNeverShowsRawNames()
    {
        // Only a page that holds the students can show that their names are missing from it.
        var page = await WaitForAsync(
            () => fixture.Api.GetFromJsonAsync<ResponsePage>("/api/responses?limit=500", DashboardJson.Options),
            p => p is { Items.Count: >= 50 },
            TimeSpan.FromSeconds(60));
        var json = await fixture.Api.GetStringAsync("/api/responses?limit=500");
        Assert.All(page!.Items, item => Assert.False(string.IsNullOrWhiteSpace(item.Student)));
        var generator = new SpotifyDashboard.Core.Demo.DemoClassGenerator(AppFixture.DemoSeed);
        for (var i = 0; i < 50; i++)
        {
            Assert.DoesNotContain(generator.Generate(i).Name, json);
        }
    }

    [Fact]
    public async Task SettingsGivenToTheAppHostReachTheWorker()
    {
        var page = await fixture.Api.GetFromJsonAsync<ResponsePage>("/api/responses?limit=500", DashboardJson.Options);
        var chosen = new SpotifyDashboard.Core.Demo.DemoCatalog(AppFixture.DemoSeed).Songs.Select(s => s.Id).ToHashSet();
        var fallback = new SpotifyDashboard.Core.Demo.DemoCatalog(42).Songs.ToDictionary(s => s.Id, s => s.Title);

        Assert.All(page!.Items, item => Assert.Contains(item.Track!.Id, chosen));
        Assert.Contains(page.Items, item => fallback[item.Track!.Id] != item.Song);
    }

    [Fact]
    public async Task ServicesExposePrometheusMetrics()
    {
        foreach (var resource in new[] { "api", "web", "worker" })
        {
            using var client = fixture.App.CreateHttpClient(resource, "http");
            var text = await client.GetStringAsync("/metrics");
            Assert.Contains("# TYPE", text);
        }
    }

    private async Task<StatusReport> GetStatusAsync() =>
        (await fixture.Api.GetFromJsonAsync<StatusReport>("/api/status", DashboardJson.Options))!;

    internal static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                Assert.True(done(value), "the condition was not met in time");
                return value;
            }

            await Task.Delay(250);
        }
    }
}
