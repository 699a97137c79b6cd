using System.Diagnostics;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace SpotifyDashboard.AppTests;

/// <summary>One way people see the pages: a theme and a screen width.</summary>
public sealed record PageView(string Theme, int Width)
{
    /// <summary>The desktop in both themes, and a phone (390 px, touch) in both.</summary>
    public static readonly PageView[] All = [new("dark", 1280), new("light", 1280), new("dark", 390), new("light", 390)];

    /// <summary>
    /// Which view checks which of <paramref name="pageCount"/> pages: every page once, the four views taking turns (an
    /// axe run costs seconds of CPU and the whole-app tests share the CI's minutes), so every view and every page is
    /// checked in each run. <c>SD_AXE_ALL_VIEWS=1</c> checks every page in all four views.
    /// </summary>
    public static IEnumerable<(PageView View, int[] Pages)> Plan(int pageCount) =>
        All.Select((view, v) => (view, Enumerable.Range(0, pageCount)
                .Where(page => Environment.GetEnvironmentVariable("SD_AXE_ALL_VIEWS") == "1" || page % All.Length == v).ToArray()))
            .Where(plan => plan.Item2.Length > 0);

    public override string ToString() => $"{Theme}, {Width} px";

    /// <summary>The body in this theme: Fluent UI marks the dark one with <c>data-theme="dark"</c> and the light one by its absence.</summary>
    public string ThemeSelector => Theme == "dark" ? "body[data-theme='dark']" : "body:not([data-theme='dark'])";

    /// <summary>A browser context of this width; the theme is chosen on the first page (see <see cref="AxeAudit.UseThemeAsync"/>).</summary>
    public Task<IBrowserContext> NewContextAsync() => BrowserSession.NewContextAsync(Width < 600
        ? new() { ViewportSize = new() { Width = Width, Height = 844 }, IsMobile = true, HasTouch = true }
        : new() { ViewportSize = new() { Width = Width, Height = 900 } });
}

/// <summary>
/// axe-core (the engine behind most accessibility checkers, bundled in the Deque.AxeCore.Playwright package) run over
/// pages: every WCAG 2.0, 2.1 and 2.2 rule of levels A and AA, and Deque's best practices. Each finding is kept with
/// the page, theme and width it was seen at, so one run reports everything at once.
/// </summary>
public sealed class AxeAudit(ITestOutputHelper output)
{
    private static readonly AxeRunOptions Rules = new()
    {
        RunOnly = new RunOnlyOptions
        {
            Type = "tag",
            Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"],
        },
    };

    private readonly List<string> _findings = [];
    private readonly Stopwatch _axeTime = new();
    private int _checked;

    /// <summary>Runs axe on the page as it stands and records what it finds.</summary>
    public async Task CheckAsync(IPage page, string path, PageView view)
    {
        _axeTime.Start();
        var result = await page.RunAxe(Rules);
        _axeTime.Stop();
        _checked++;
        foreach (var rule in result.Violations)
        {
            var targets = rule.Nodes.Select(n => n.Target.ToString()).ToList();
            _findings.Add($"{rule.Id} ({rule.Impact}) on {path} [{view}]: {rule.Help}. {targets.Count} element(s): {string.Join(" | ", targets.Take(8))}"
                + (targets.Count > 8 ? " | …" : "")
                + $"\n    first: {Why(rule.Nodes[0])}");
        }

        output.WriteLine($"{path} [{view}]: {result.Violations.Sum(v => v.Nodes.Length)} failing element(s) in {result.Violations.Length} rule(s)");
    }

    /// <summary>What axe says is wrong with one element: the checks it failed (any of "any", all of "all", none of "none").</summary>
    private static string Why(AxeResultNode node) =>
        string.Join("; ", (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? []).Select(c => c.Message).Where(m => !string.IsNullOrEmpty(m)).Distinct());

    /// <summary>
    /// Turns the page to <paramref name="view"/>'s theme with one click on the header's toggle, as a user would; the
    /// browser remembers it for the next pages.
    /// </summary>
    public static async Task UseThemeAsync(IPage page, PageView view)
    {
        if (await page.Locator(view.ThemeSelector).CountAsync() > 0)
        {
            return;
        }

        await PageWaits.WaitForInteractiveAsync(page);
        await page.ClickAsync("#theme-toggle");
        try
        {
            await WaitForThemeAsync(page, view);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"One click on the theme toggle did not turn {page.Url} {view.Theme}.");
        }
    }

    /// <summary>
    /// Waits until the page shows <paramref name="view"/>'s theme: our body attribute, and Fluent UI's own colour tokens
    /// (its script sets them on the document a moment later; until then a light page can still have dark-theme text).
    /// </summary>
    public static async Task WaitForThemeAsync(IPage page, PageView view)
    {
        await page.WaitForSelectorAsync(view.ThemeSelector, new() { State = WaitForSelectorState.Attached, Timeout = PageWaits.PageTimeoutMs });
        await page.WaitForFunctionAsync(
            """
            dark => {
                const token = getComputedStyle(document.documentElement).getPropertyValue('--colorNeutralForeground2').trim();
                const hex = /^#([0-9a-f]{6})/i.exec(token);
                if (!hex) return true;
                const n = parseInt(hex[1], 16), light = ((n >> 16) + ((n >> 8) & 255) + (n & 255)) / 3 > 128;
                return dark === light;
            }
            """,
            view.Theme == "dark",
            new() { Timeout = PageWaits.PageTimeoutMs });
    }

    public void AssertNone()
    {
        output.WriteLine($"axe checked {_checked} page views in {_axeTime.Elapsed.TotalSeconds:0.0} s");
        Assert.True(_findings.Count == 0, $"axe-core found {_findings.Count} problem(s):\n" + string.Join("\n", _findings));
    }
}
