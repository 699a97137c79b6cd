using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace SpotifyDashboard.AppTests;

/// <summary>
/// The dashboard in Chromium over the whole demo app. The fixture polls only every five minutes, so
/// whatever changes on a page during a test reached it through the api's event stream.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class DashboardBrowserTests(AppFixture fixture) : IAsyncLifetime
{
    private static readonly string[] NavigationLinks = ["Overview", "Live Feed", "Clusters", "Music Twin Finder", "Major Predictor", "Model", "Compare me", "Data"];

    private IBrowserContext _context = null!;

    private string Url(string path) => new Uri(fixture.Web.BaseAddress!, path).ToString();

    public async Task InitializeAsync()
    {
        _context = await BrowserSession.NewContextAsync();
        // Pages need a first analysis of the class; a fresh fixture may still be making it.
        await PageWaits.UntilAsync(() => fixture.Api.GetAsync("/api/clusters"), r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(90));
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
    }

    [Fact]
    public async Task EveryPageAnswersShowsItsDataAndDrawsWithoutBrowserErrors()
    {
        var response = await AnalysedResponseAsync();
        var page = await _context.NewPageAsync();
        var problems = PageProblems.Watch(page);

        await VisitAsync(page, problems, "/", async () =>
        {
            await page.WaitForSelectorAsync("#tile-responses .tile-value");
            Assert.True(await PageWaits.NumberInAsync(page, "#tile-responses .tile-value") > 0);
            foreach (var chart in new[] { "chart-majors", "chart-years", "chart-hours", "chart-listening", "chart-top-songs", "chart-top-artists", "chart-profile" })
            {
                await PageWaits.WaitForPlotAsync(page, chart);
            }
        });
        await VisitAsync(page, problems, "/live", async () =>
        {
            await page.WaitForSelectorAsync("#live-feed .song");
            Assert.True(await PageWaits.NumberInAsync(page, "#feed-total") > 0);
        });
        await VisitAsync(page, problems, "/clusters", async () =>
        {
            await page.WaitForSelectorAsync("#cluster-cards .cluster-card");
            await PageWaits.Wait3DPlotAsync(page, "chart-clusters");
        });
        await VisitAsync(page, problems, "/twins", async () =>
        {
            // The search finds analysed students by their song (in the demo class, several may share it).
            await PageWaits.WaitForInteractiveAsync(page);
            await page.FillAsync("#twin-search", response.Song);
            var candidate = page.Locator("#twin-candidates a[href^='/twins/']", new() { HasText = response.Song }).First;
            await candidate.WaitForAsync(new() { Timeout = PageWaits.PageTimeoutMs });
        });
        await VisitAsync(page, problems, $"/twins/{Uri.EscapeDataString(response.Id)}", async () =>
        {
            await page.WaitForSelectorAsync("#twin-subject");
            Assert.Contains(response.Song, await page.InnerTextAsync("#twin-subject"));
            // Waited for, not counted at once: the subject may be the prerendered one, and the page it is part of is
            // replaced when the circuit starts (on a loaded machine the list can be empty in that moment). Still fails when no twin ever shows.
            await page.WaitForSelectorAsync("#twin-list .twin-card", new() { Timeout = PageWaits.PageTimeoutMs });
            await PageWaits.WaitForPlotAsync(page, "chart-twin-radar");
        });
        await VisitAsync(page, problems, "/predict", async () =>
        {
            await page.WaitForSelectorAsync("#predict-honesty .honesty-line");
            await PageWaits.WaitForInteractiveAsync(page);
            await page.FillAsync("#predict-song", response.Song);
            await page.FillAsync("#predict-artist", response.Artist);
            await page.ClickAsync("#predict-submit");
            await page.WaitForSelectorAsync("#predict-major");
            await PageWaits.WaitForPlotAsync(page, "chart-predict");
        });
        await VisitAsync(page, problems, "/model", async () =>
        {
            await page.WaitForSelectorAsync("#model-version");
            await PageWaits.WaitForPlotAsync(page, "chart-confusion");
            await PageWaits.WaitForPlotAsync(page, "chart-importance");
        });
        await VisitAsync(page, problems, "/data", async () =>
        {
            // More than one row: the first page of the class, not a row saying it is on its way.
            await page.WaitForFunctionAsync("() => document.querySelectorAll('#data-grid tbody tr').length > 1");
            Assert.Matches(@"^Rows 1–\d+ of [1-9]\d*", (await page.InnerTextAsync("#data-total")).Trim());
        });

        problems.AssertNone();
    }

    [Fact]
    public async Task ANewSnapshotRedrawsTheModelChartsWithoutAReload()
    {
        var page = await _context.NewPageAsync();
        await page.GotoAsync(Url("/model"));
        await PageWaits.WaitForPlotAsync(page, "chart-confusion");
        var revision = await PageWaits.ChartRevisionAsync(page, "chart-confusion");
        Assert.False(string.IsNullOrEmpty(revision), "charts.js did not set data-revision");
        var versionText = await page.InnerTextAsync("#model-version");
        await PageWaits.MarkPageAsync(page);

        // A student a second arrives; the worker re-analyses and the api pushes snapshot-updated.
        await PageWaits.WaitForRevisionOtherThanAsync(page, "chart-confusion", revision!, timeoutMs: 60_000);

        Assert.False(await PageWaits.WasReloadedAsync(page), "the page was reloaded to show the new snapshot");
        Assert.NotEqual(versionText, await page.InnerTextAsync("#model-version"));
    }

    [Fact]
    public async Task ANewAnswerShowsInTheLiveFeedWithinThreeSecondsOfReachingTheApi()
    {
        var page = await _context.NewPageAsync();
        await page.GotoAsync(Url("/live"));
        await page.WaitForSelectorAsync("#live-feed .song");
        await PageWaits.MarkPageAsync(page);

        // Three arrivals in a row, each timed from the moment the api first counts it.
        for (var arrival = 0; arrival < 3; arrival++)
        {
            var before = await ApiTotalAsync();
            var total = before;
            var waiting = Stopwatch.StartNew();
            while (total <= before)
            {
                Assert.True(waiting.Elapsed < TimeSpan.FromSeconds(20), "no new answer reached the api in 20 s");
                await Task.Delay(100);
                total = await ApiTotalAsync();
            }

            var shown = Stopwatch.StartNew();
            try
            {
                await PageWaits.WaitForNumberAsync(page, "#feed-total", total, timeoutMs: 3_000);
            }
            catch (TimeoutException)
            {
                Assert.Fail($"the api counted {total} answers, the page still showed {await page.InnerTextAsync("#feed-total")} after 3 s");
            }

            Assert.True(shown.Elapsed < TimeSpan.FromSeconds(3));
        }

        Assert.False(await PageWaits.WasReloadedAsync(page), "the page was reloaded");
        await page.WaitForSelectorAsync("#live-feed .feed-row-new .new-badge");
    }

    [Fact]
    public async Task ChartsDrawFromThePrerenderedPageAndTheInteractivePageKeepsThePlot()
    {
        var page = await _context.NewPageAsync();
        // Hold the circuit back: until the gate opens, Blazor's negotiation gets no answer.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var negotiations = 0;
        await page.RouteAsync("**/_blazor/negotiate*", async route =>
        {
            Interlocked.Increment(ref negotiations);
            await gate.Task;
            await route.ContinueAsync();
        });

        await page.GotoAsync(Url("/"));
        await PageWaits.WaitForPlotAsync(page, "chart-majors");
        await PageWaits.WaitForPlotAsync(page, "chart-profile");

        // Drawn, and no circuit: Blazor asked for one and is still waiting.
        Assert.True(Volatile.Read(ref negotiations) > 0, "Blazor never asked for its circuit");
        Assert.Equal(0, await page.Locator("nav#main-nav .fluent-navitem[tabindex='0']").CountAsync());
        // Drawn once, or once more if Fluent's theme announced itself meanwhile (the chart follows the theme).
        var draws = await page.GetAttributeAsync("#chart-majors", "data-renders");
        Assert.Contains(draws, new[] { "1", "2" });
        await page.EvaluateAsync("() => { document.querySelector('#chart-majors .chart-plot').__sdPrerendered = true; }");

        gate.SetResult();
        await PageWaits.WaitForInteractiveAsync(page);
        await page.WaitForSelectorAsync("#chart-majors[data-interactive='true']", new() { State = WaitForSelectorState.Attached, Timeout = PageWaits.PageTimeoutMs });

        // The interactive page shows the very plot the prerendered page drew: adopted, not drawn again.
        Assert.True(await page.EvaluateAsync<bool>("() => document.querySelector('#chart-majors .chart-plot')?.__sdPrerendered === true"),
            "the interactive page replaced the prerendered plot");
        Assert.Equal(draws, await page.GetAttributeAsync("#chart-majors", "data-renders"));
    }

    [Fact]
    public async Task TheKeyboardReachesEveryNavigationLinkFromTheTopOfThePage()
    {
        var page = await _context.NewPageAsync();
        await page.GotoAsync(Url("/"));
        // The layout renders the navigation a second time inside the closed hamburger drawer: check the one on screen.
        var nav = page.Locator("fluent-layout nav#main-nav, .fluent-layout nav#main-nav").Last;
        await nav.WaitForAsync();
        Assert.True(await nav.GetByRole(AriaRole.Link, new() { Name = "Live Feed", Exact = true }).IsVisibleAsync());
        Assert.True(await nav.GetByRole(AriaRole.Link, new() { Name = "Music Twin Finder", Exact = true }).IsVisibleAsync());
        // Interactive: the circuit is up and Fluent's scripts have run (a chart is drawn before that: not a signal).
        await PageWaits.WaitForInteractiveAsync(page);

        // Start where a keyboard user starts: nothing focused, top of the page. Tab until a navigation link has focus.
        // (Blazor focused the page's heading on load; a focus at the start of <body> moves Tab's starting point back to the top.)
        await page.EvaluateAsync(
            "() => { window.scrollTo(0, 0); const start = document.createElement('span'); start.tabIndex = -1; document.body.prepend(start); start.focus(); start.remove(); }");
        var path = new List<string>();
        var reached = new HashSet<string>();
        string? inNav = null;
        for (var press = 0; press < 30 && inNav is null; press++)
        {
            await page.Keyboard.PressAsync("Tab");
            (inNav, var described) = await FocusedAsync(page);
            path.Add(described);
        }

        Assert.True(inNav is not null, "Tab never reached the navigation. It went: " + string.Join(" → ", path)
            + ". Navigation links' tabindex: " + await page.EvaluateAsync<string>(
                "() => [...document.querySelectorAll('nav#main-nav')].map(n => [...n.querySelectorAll('a')].map(a => a.getAttribute('tabindex') ?? 'none').join(',')).join(' | ')"));

        // Within the navigation: Fluent's nav moves focus with the arrow keys (one tab stop); plain links take Tab.
        reached.Add(inNav);
        for (var step = 0; step < 2 * NavigationLinks.Length && !NavigationLinks.All(reached.Contains); step++)
        {
            await page.Keyboard.PressAsync("ArrowDown");
            var (next, _) = await FocusedAsync(page);
            if (next is null || next == inNav)
            {
                await page.Keyboard.PressAsync("Tab");
                (next, _) = await FocusedAsync(page);
            }

            Assert.True(next is not null, $"focus left the navigation after {string.Join(", ", reached)}");
            reached.Add(next);
            inNav = next;
        }

        Assert.Equal(NavigationLinks.Order(), reached.Order());
    }

    /// <summary>The navigation link that has focus (null when focus is elsewhere), and what has focus, for messages.</summary>
    private static async Task<(string? NavLink, string Described)> FocusedAsync(IPage page)
    {
        var focused = await page.EvaluateAsync<string[]>(
            """
            () => {
                const el = document.activeElement;
                const link = el?.closest('nav#main-nav') && el.matches('a[href]') ? el.innerText.trim() : '';
                return [link, `${el?.tagName.toLowerCase()}${el?.id ? '#' + el.id : ''} "${(el?.innerText || '').trim().slice(0, 30)}"`];
            }
            """);
        return (focused[0].Length > 0 ? focused[0] : null, focused[1]);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/live")]
    public async Task TheJoinPanelShowsAQrCodeAndTheSurveyLink(string path)
    {
        var page = await _context.NewPageAsync();
        await page.GotoAsync(Url(path));
        // The prerendered page is replaced when the circuit starts: measure the live one, not one about to go.
        await PageWaits.WaitForInteractiveAsync(page);

        var panel = page.Locator("#join-panel");
        await panel.Locator("svg").First.WaitForAsync(new() { Timeout = PageWaits.PageTimeoutMs });
        Assert.True(await panel.Locator("svg").First.IsVisibleAsync());
        var box = await panel.Locator("svg").First.BoundingBoxAsync();
        Assert.True(box is { Width: >= 100, Height: >= 100 }, $"the QR code is too small to scan: {box?.Width}×{box?.Height}");
        var link = panel.GetByRole(AriaRole.Link);
        Assert.Contains("forms.example.test/class-survey", await link.InnerTextAsync());
        Assert.Equal(AppFixture.FormUrl, await link.GetAttributeAsync("href"));
    }

    /// <summary>
    /// The prerendered page is replaced when the circuit starts. A page that loads its data again at that moment shows
    /// "Loading…" in between: on a projector, content that blinks away and back. A MutationObserver installed before the
    /// first byte counts every change after which the content is missing although it had been shown.
    /// </summary>
    [Theory]
    [InlineData("/", "#tile-responses .tile-value")]
    [InlineData(AnalysedTwinPage, "#twin-list .twin-card")]
    [InlineData("/model", "#model-version")]
    public async Task APrerenderedPageKeepsItsContentWhenItBecomesInteractive(string path, string content)
    {
        if (path == AnalysedTwinPage)
        {
            path = $"/twins/{Uri.EscapeDataString((await AnalysedResponseAsync()).Id)}";
        }

        var page = await _context.NewPageAsync();
        await page.AddInitScriptAsync($$"""
            (() => {
                const selector = {{JsonSerializer.Serialize(content)}};
                window.__sdContent = { seen: false, gaps: 0 };
                new MutationObserver(() => {
                    const present = document.querySelector(selector) !== null;
                    if (present) { window.__sdContent.seen = true; }
                    else if (window.__sdContent.seen) { window.__sdContent.gaps++; }
                }).observe(document, { childList: true, subtree: true });
            })();
            """);
        await page.GotoAsync(Url(path));
        Assert.True(await page.Locator(content).CountAsync() > 0, $"{path}: the prerendered page does not show {content}");
        await PageWaits.WaitForInteractiveAsync(page);
        await page.WaitForSelectorAsync(content, new() { Timeout = PageWaits.PageTimeoutMs });

        var watched = await page.EvaluateAsync<JsonElement>("() => window.__sdContent");
        Assert.True(watched.GetProperty("seen").GetBoolean(), $"{path}: the observer never saw {content}");
        Assert.True(watched.GetProperty("gaps").GetInt32() == 0, $"{path}: {content} went away {watched.GetProperty("gaps").GetInt32()} time(s) as the page became interactive");
    }

    private const string AnalysedTwinPage = "/twins/{an analysed student}";

    [Theory]
    [InlineData("/", "#tile-responses")]
    [InlineData("/twins", "#twin-search")]
    public async Task OnAPhoneThePageDoesNotScrollSideways(string path, string content)
    {
        await using var phone = await BrowserSession.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
        var page = await phone.NewPageAsync();
        await page.GotoAsync(Url(path));
        await page.WaitForSelectorAsync(content);
        if (path == "/")
        {
            await PageWaits.WaitForPlotAsync(page, "chart-majors");
        }

        var widths = await page.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollWidth, window.innerWidth]");
        var (scrollWidth, viewport) = (widths[0], widths[1]);
        Assert.True(scrollWidth <= viewport + 1, $"{path}: the page is {scrollWidth}px wide on a {viewport}px screen");
    }

    private async Task VisitAsync(IPage page, PageProblems problems, string path, Func<Task> showsData)
    {
        problems.At(path);
        var response = await page.GotoAsync(Url(path));
        Assert.True(response is { Status: 200 }, $"{path} answered {response?.Status}");
        try
        {
            await showsData();
        }
        catch (TimeoutException e)
        {
            Assert.Fail($"{path}: {e.Message}");
        }
    }

    private async Task<long> ApiTotalAsync() =>
        (await fixture.Api.GetFromJsonAsync<JsonElement>("/api/responses?limit=1")).GetProperty("total").GetInt64();

    /// <summary>A student the current analysis already includes: among the older answers, with audio features.</summary>
    private async Task<(string Id, string Song, string Artist)> AnalysedResponseAsync()
    {
        var clusters = await fixture.Api.GetFromJsonAsync<JsonElement>("/api/clusters");
        var analysed = clusters.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("id").GetString()).ToHashSet();
        var page = await fixture.Api.GetFromJsonAsync<JsonElement>("/api/responses?limit=200");
        var item = page.GetProperty("items").EnumerateArray().Last(i => analysed.Contains(i.GetProperty("id").GetString()));
        return (item.GetProperty("id").GetString()!, item.GetProperty("song").GetString()!, item.GetProperty("artist").GetString()!);
    }
}
