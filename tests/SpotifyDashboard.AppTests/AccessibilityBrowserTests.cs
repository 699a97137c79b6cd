using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace SpotifyDashboard.AppTests;

/// <summary>
/// Every page a class sees, checked with axe-core once its data and charts are there: on the desktop and on a phone,
/// in the dark and the light theme. One browser context per view; the pages one after another.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class AccessibilityBrowserTests(AppFixture fixture, ITestOutputHelper output)
{
    private string Url(string path) => new Uri(fixture.Web.BaseAddress!, path).ToString();

    [Fact]
    public async Task EveryClassPagePassesAxeInBothThemesOnTheDesktopAndOnAPhone()
    {
        var took = Stopwatch.StartNew();
        await PageWaits.UntilAsync(() => fixture.Api.GetAsync("/api/clusters"), r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(90));
        var (id, song, artist) = await AnalysedResponseAsync();
        (string Path, Func<IPage, Task> Ready)[] pages =
        [
            ("/", async page =>
            {
                await page.WaitForSelectorAsync("#tile-responses .tile-value");
                foreach (var chart in new[] { "chart-majors", "chart-years", "chart-hours", "chart-listening", "chart-top-songs", "chart-top-artists", "chart-profile" })
                {
                    await PageWaits.WaitForPlotAsync(page, chart);
                }
            }),
            ("/live", page => page.WaitForSelectorAsync("#live-feed .song")),
            ("/clusters", async page =>
            {
                await page.WaitForSelectorAsync("#cluster-cards .cluster-card");
                await PageWaits.Wait3DPlotAsync(page, "chart-clusters");
            }),
            ("/twins", page => page.WaitForSelectorAsync("#twin-search")),
            ($"/twins/{Uri.EscapeDataString(id)}", async page =>
            {
                await page.WaitForSelectorAsync("#twin-list .twin-card");
                await PageWaits.WaitForPlotAsync(page, "chart-twin-radar");
            }),
            ("/predict", async page =>
            {
                // With a prediction: its answer and its chart are part of the page.
                await page.WaitForSelectorAsync("#predict-honesty .honesty-line");
                await PageWaits.WaitForInteractiveAsync(page);
                await page.FillAsync("#predict-song", song);
                await page.FillAsync("#predict-artist", artist);
                await page.ClickAsync("#predict-submit");
                await page.WaitForSelectorAsync("#predict-major");
                await PageWaits.WaitForPlotAsync(page, "chart-predict");
            }),
            ("/model", async page =>
            {
                await PageWaits.WaitForPlotAsync(page, "chart-confusion");
                await PageWaits.WaitForPlotAsync(page, "chart-importance");
            }),
            ("/data", page => page.WaitForFunctionAsync("() => document.querySelectorAll('#data-grid tbody tr').length > 1")),
            ("/compare", async page =>
            {
                // With the demo listener's answer: the map, the twins and the tracks.
                await PageWaits.WaitForInteractiveAsync(page);
                await page.ClickAsync("#compare-demo");
                await page.WaitForSelectorAsync("#my-tracks");
                await PageWaits.Wait3DPlotAsync(page, "chart-compare");
            }),
            ("/admin/signin", page => page.WaitForSelectorAsync("#admin-key-missing")),
        ];

        var audit = new AxeAudit(output);
        foreach (var (view, mine) in PageView.Plan(pages.Length))
        {
            await using var context = await view.NewContextAsync();
            var page = await context.NewPageAsync();
            page.SetDefaultTimeout(PageWaits.PageTimeoutMs);
            var problems = PageProblems.Watch(page);
            var first = true;
            foreach (var (path, ready) in mine.Select(i => pages[i]))
            {
                problems.At($"{path} [{view}]");
                await page.GotoAsync(Url(path));
                await ready(page);
                if (first)
                {
                    await AxeAudit.UseThemeAsync(page, view);
                    first = false;
                }

                await AxeAudit.WaitForThemeAsync(page, view);
                await audit.CheckAsync(page, path, view);
            }

            problems.AssertNone();
        }

        output.WriteLine($"The test took {took.Elapsed.TotalSeconds:0.0} s");
        audit.AssertNone();
    }

    /// <summary>A student the current analysis includes, with the song and artist they named.</summary>
    private async Task<(string Id, string Song, string Artist)> AnalysedResponseAsync()
    {
        var clusters = await fixture.Api.GetFromJsonAsync<JsonElement>("/api/clusters");
        var analysed = clusters.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("id").GetString()).ToHashSet();
        var responses = await fixture.Api.GetFromJsonAsync<JsonElement>("/api/responses?limit=200");
        var item = responses.GetProperty("items").EnumerateArray().Last(i => analysed.Contains(i.GetProperty("id").GetString()));
        return (item.GetProperty("id").GetString()!, item.GetProperty("song").GetString()!, item.GetProperty("artist").GetString()!);
    }
}
