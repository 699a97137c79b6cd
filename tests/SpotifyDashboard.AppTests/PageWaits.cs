using Microsoft.Playwright;

namespace SpotifyDashboard.AppTests;

/// <summary>
/// The waits the browser tests share: for a chart plotly has drawn, for a number on a page, for a
/// condition in the api. Every wait is for a condition, never for a fixed time.
/// </summary>
public static class PageWaits
{
    /// <summary>How long a page gets to load its data and draw its first chart on this (busy, 2-core) machine.</summary>
    public const float PageTimeoutMs = 30_000;

    /// <summary>A 2D plot is drawn once plotly has put its <c>.main-svg</c> inside the chart's surface.</summary>
    public static Task WaitForPlotAsync(IPage page, string chartId, float timeoutMs = PageTimeoutMs) =>
        page.WaitForSelectorAsync($"#{chartId} .main-svg", new() { Timeout = timeoutMs });

    /// <summary>A 3D plot is drawn into a WebGL <c>canvas</c>.</summary>
    public static Task Wait3DPlotAsync(IPage page, string chartId, float timeoutMs = PageTimeoutMs) =>
        page.WaitForSelectorAsync($"#{chartId} canvas", new() { Timeout = timeoutMs });

    /// <summary>
    /// Waits until the page is interactive (its Blazor circuit is up), so typing reaches the server; what is typed
    /// into the prerendered page before that is lost. Fluent's navigation sets its roving tabindex only from the
    /// circuit (after its first interactive render), which makes it the signal.
    /// </summary>
    public static Task WaitForInteractiveAsync(IPage page, float timeoutMs = PageTimeoutMs) =>
        page.WaitForSelectorAsync("nav#main-nav .fluent-navitem[tabindex='0']", new() { State = WaitForSelectorState.Attached, Timeout = timeoutMs });

    /// <summary>The chart's <c>data-revision</c> as charts.js last set it (null before the first draw).</summary>
    public static Task<string?> ChartRevisionAsync(IPage page, string chartId) =>
        page.EvaluateAsync<string?>("id => document.getElementById(id)?.dataset.revision ?? null", chartId);

    /// <summary>Waits until the chart has been redrawn with a revision other than <paramref name="revision"/>.</summary>
    public static Task WaitForRevisionOtherThanAsync(IPage page, string chartId, string revision, float timeoutMs) =>
        page.WaitForFunctionAsync(
            "([id, before]) => { const r = document.getElementById(id)?.dataset.revision; return !!r && r !== before; }",
            new object[] { chartId, revision },
            new() { Timeout = timeoutMs, PollingInterval = 100 });

    /// <summary>The integer an element shows (e.g. <c>#feed-total</c>).</summary>
    public static async Task<long> NumberInAsync(IPage page, string selector) =>
        long.Parse((await page.InnerTextAsync(selector)).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Waits until the number an element shows is at least <paramref name="atLeast"/>.</summary>
    public static Task WaitForNumberAsync(IPage page, string selector, long atLeast, float timeoutMs) =>
        page.WaitForFunctionAsync(
            "([selector, atLeast]) => Number(document.querySelector(selector)?.textContent?.trim()) >= atLeast",
            new object[] { selector, atLeast },
            new() { Timeout = timeoutMs, PollingInterval = 50 });

    /// <summary>Sets a marker a reload would wipe out; see <see cref="WasReloadedAsync"/>.</summary>
    public static Task MarkPageAsync(IPage page) => page.EvaluateAsync("() => { window.__sdNotReloaded = true; }");

    public static async Task<bool> WasReloadedAsync(IPage page) => !await page.EvaluateAsync<bool>("() => window.__sdNotReloaded === true");

    /// <summary>Reads <paramref name="read"/> until <paramref name="done"/> holds, or fails the test after <paramref name="timeout"/>.</summary>
    public static Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? timeout = null) =>
        WholeAppTests.WaitForAsync(read, done, timeout);
}

/// <summary>
/// Everything that went wrong in the browser while a test ran: console errors, uncaught exceptions,
/// answers of 400 and above, requests that failed outright. A page that "works" but logs an error fails the test.
/// </summary>
public sealed class PageProblems
{
    private readonly List<string> _problems = [];
    private string _where = "";

    public static PageProblems Watch(IPage page)
    {
        var problems = new PageProblems();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add($"console error: {message.Text}");
            }
        };
        page.PageError += (_, error) => problems.Add($"uncaught: {error}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                problems.Add($"{response.Status} {response.Request.Method} {response.Url}");
            }
        };
        page.RequestFailed += (_, request) =>
        {
            // Leaving a page cancels what it still had in flight (the event stream, a lazy script): not a failure.
            if (request.Failure is { } failure && !failure.Contains("ERR_ABORTED", StringComparison.Ordinal))
            {
                problems.Add($"failed {request.Method} {request.Url}: {failure}");
            }
        };
        return problems;
    }

    /// <summary>Names the page the next problems belong to, for the failure message.</summary>
    public void At(string where)
    {
        lock (_problems)
        {
            _where = where;
        }
    }

    public void AssertNone()
    {
        lock (_problems)
        {
            Assert.True(_problems.Count == 0, "Problems in the browser:\n" + string.Join("\n", _problems));
        }
    }

    private void Add(string problem)
    {
        lock (_problems)
        {
            _problems.Add($"[{_where}] {problem}");
        }
    }
}
