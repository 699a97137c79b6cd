using System.Net;
using System.Reflection;
using System.Text.Json;
using SpotifyDashboard.TestSupport;

namespace SpotifyDashboard.AppTests;

/// <summary>The app's monitoring over the whole demo app: what Prometheus would scrape, /health/details, the version.</summary>
[Collection(AppCollection.Name)]
public sealed class MonitoringAppTests(AppFixture fixture)
{
    /// <summary>Every project is stamped from the same commit, this test project too.</summary>
    private static readonly string Version =
        typeof(MonitoringAppTests).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

    private async Task<IReadOnlyList<PrometheusSample>> ScrapeUntilAsync(string resource, Func<IReadOnlyList<PrometheusSample>, bool> found)
    {
        using var client = fixture.App.CreateHttpClient(resource, "http");
        return await PageWaits.UntilAsync(async () => PrometheusSample.Parse(await client.GetStringAsync("/metrics")), found, TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task TheApiAndTheWorkerExposeTheSeedsFiveMetricsWithTheirVersion()
    {
        Assert.Equal(HttpStatusCode.OK, (await fixture.Api.GetAsync("/api/status")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Api.GetAsync("/api/data")).StatusCode);

        var api = await ScrapeUntilAsync("api", s =>
            s.Any(x => x.Name == "api_response_time_seconds_count" && x["endpoint"] == "/api/data")
            && s.Any(x => x.Name == "cache_hit_rate" && x["tier"] == "api_class_data")
            // The web follows the api's event stream: one open stream at least.
            && s.Any(x => x.Name == "active_sessions" && x["kind"] == "event_stream" && x.Value >= 1)
            && s.Any(x => x.Name == "error_rate" && x["service"] == "api"));
        Assert.Equal(Version, api.Single(x => x.Name == "target_info")["service_version"]);

        // Demo students arrive every second (ingest) and the class is analysed as it grows (analyse).
        var worker = await ScrapeUntilAsync("worker", s =>
            s.Any(x => x.Name == "data_processing_time_seconds_count" && x["stage"] == "ingest" && x["outcome"] == "ok")
            && s.Any(x => x.Name == "data_processing_time_seconds_count" && x["stage"] == "analyse" && x["outcome"] == "ok")
            && s.Any(x => x.Name == "error_rate" && x["service"] == "worker"));
        Assert.Equal(Version, worker.Single(x => x.Name == "target_info")["service_version"]);
        Assert.Equal("worker", worker.Single(x => x.Name == "target_info")["service_name"]);
    }

    [Fact]
    public async Task HealthDetailsSeeAWorkingDemoAppAndItsVersion()
    {
        var response = await fixture.Api.GetAsync("/health/details");
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        string StateOf(string service) => json.GetProperty("services").GetProperty(service).GetProperty("state").GetString()!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("healthy", json.GetProperty("status").GetString());
        Assert.Equal("healthy", StateOf("cache"));
        Assert.Equal("healthy", StateOf("worker"));
        Assert.Equal("not_configured", StateOf("spotify_api"));
        Assert.Equal("not_configured", StateOf("google_sheets"));
        Assert.Equal(Version, json.GetProperty("version").GetString());
    }

    [Fact]
    public async Task TheWebRevalidatesWithTheApisETagAndGetsA304()
    {
        await using var context = await BrowserSession.NewContextAsync();
        var page = await context.NewPageAsync();
        using var client = fixture.App.CreateHttpClient("api", "http");
        bool Revalidated(IReadOnlyList<PrometheusSample> samples) => samples.Any(x =>
            x.Name == "api_response_time_seconds_count" && x["endpoint"] == "/api/clusters" && x["status_code"] == "304" && x.Value >= 1);

        // Each visit is a new circuit that asks for the clusters; the web asks with the ETag of the answer it already
        // has. The demo class grows meanwhile, so a visit may come right after a new analysis: visit until one did not.
        await PageWaits.UntilAsync(async () =>
        {
            await page.GotoAsync(new Uri(fixture.Web.BaseAddress!, "/clusters").ToString());
            await PageWaits.WaitForInteractiveAsync(page);
            return PrometheusSample.Parse(await client.GetStringAsync("/metrics"));
        }, Revalidated, TimeSpan.FromSeconds(90));
    }

    [Fact]
    public async Task AnOpenDashboardShowsTheVersionAndCountsAsAnActiveSession()
    {
        await using var context = await BrowserSession.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(fixture.Web.BaseAddress!, "/live").ToString());
        await PageWaits.WaitForInteractiveAsync(page);

        Assert.Equal($"SpotifyDashboard {Version}", await page.Locator("#app-version").InnerTextAsync());
        await ScrapeUntilAsync("web", s => s.Any(x => x.Name == "active_sessions" && x["kind"] == "dashboard" && x.Value >= 1));
    }
}
