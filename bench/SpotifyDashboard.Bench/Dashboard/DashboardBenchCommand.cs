using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace SpotifyDashboard.Bench.Dashboard;

/// <summary>
/// <c>dashboard</c>: against a running app (start it with <c>Demo:InitialStudents=500</c>), for every page with a chart
/// (<see cref="ChartPage.All"/>), the time from navigation start to its first chart drawn (<see cref="FirstChartWatch"/>;
/// the Clusters page: its 3D scene), median of <c>--runs</c>: <c>coldMs</c> opens the page in a fresh browser context
/// (empty cache: plotly.js is fetched and parsed, a new circuit starts); <c>navigateMs</c> moves to it inside the app, as
/// a student does, from another page of an open dashboard (not for the pages that draw only after a click). Then the
/// web's memory per open dashboard: its resident memory with 0, then 1, 10 and 50 Overview pages open.
/// </summary>
public sealed class DashboardBenchCommand : IBenchCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public string Name => "dashboard";

    public string Usage => "--url http://127.0.0.1:5080 [--api http://127.0.0.1:5081] [--runs 5] [--pages /,/clusters,…] [--circuits 1,10,50|0] [--web-pid N] [--chromium /usr/bin/chromium]";

    public async Task<int> RunAsync(string[] args)
    {
        var url = Option(args, "--url", "http://127.0.0.1:5080").TrimEnd('/');
        var apiUrl = Option(args, "--api", "http://127.0.0.1:5081").TrimEnd('/');
        var runs = int.Parse(Option(args, "--runs", "5"), CultureInfo.InvariantCulture);
        var circuits = Option(args, "--circuits", "1,10,50").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(c => int.Parse(c, CultureInfo.InvariantCulture)).Where(c => c > 0).ToArray();
        var chromium = Option(args, "--chromium", Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium");
        var wanted = Option(args, "--pages", string.Join(',', ChartPage.All.Select(p => p.Path))).Split(',', StringSplitOptions.TrimEntries);
        var pages = ChartPage.All.Where(p => wanted.Contains(p.Path)).ToArray();

        var responseId = await FirstAnalysedResponseAsync(apiUrl);
        var webPid = args.Contains("--web-pid") ? int.Parse(Option(args, "--web-pid", "0"), CultureInfo.InvariantCulture) : FindProcess("SpotifyDashboard.Web");
        var build = webPid is { } pid ? BuildOf(pid) : "unknown (the web runs elsewhere)";
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });

        // One throw-away visit per page so the first measured one does not pay for the web's own JIT.
        foreach (var page in pages)
        {
            await TimeColdAsync(browser, url, page, responseId);
        }

        var firstChart = new List<PageTimes>();
        foreach (var page in pages)
        {
            var cold = new List<double>();
            var navigate = new List<double>();
            for (var run = 0; run < runs; run++)
            {
                cold.Add(await TimeColdAsync(browser, url, page, responseId));
                if (page.Action is null)
                {
                    navigate.Add(await TimeNavigationAsync(browser, url, page, responseId));
                }
            }

            firstChart.Add(new PageTimes(page.Name, page.Path, page.TargetMs, Median(cold), Range(cold), navigate.Count == 0 ? null : Median(navigate), navigate.Count == 0 ? null : Range(navigate)));
        }

        PrintTable(url, build, runs, firstChart);
        var memory = circuits.Length == 0 ? null : await MeasureCircuitsAsync(browser, url, circuits, webPid);
        Console.WriteLine(JsonSerializer.Serialize(new { url, build, runs, loadAverage = File.ReadAllText("/proc/loadavg").Trim(), firstChart, memory }, Indented));
        return 0;
    }

    private static void PrintTable(string url, string build, int runs, List<PageTimes> pages)
    {
        Console.WriteLine($"First chart after navigation, ms, median of {runs} ({url}, web build: {build}, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]})");
        Console.WriteLine($"{"page",-18} {"cold",7} {"range",13} {"in-app",7} {"range",13} {"target",7}");
        foreach (var p in pages)
        {
            var met = p.ColdMs < p.TargetMs && (p.NavigateMs is null || p.NavigateMs < p.TargetMs) ? "met" : "NOT met";
            Console.WriteLine($"{p.Name,-18} {p.ColdMs,7:F0} {p.ColdRangeMs,13} {(p.NavigateMs is { } n ? n.ToString("F0", CultureInfo.InvariantCulture) : "-"),7} {p.NavigateRangeMs ?? "-",13} {"< " + p.TargetMs,7} {met}");
        }

        Console.WriteLine("cold: a first visit in a fresh browser context; in-app: from the Live Feed by Blazor's navigation; pages that draw after a click are timed from navigation start, clicking as soon as the page answers");
    }

    private static async Task<double> TimeColdAsync(IBrowser browser, string url, ChartPage chartPage, string responseId)
    {
        await using var context = await browser.NewContextAsync(Viewport);
        await FirstChartWatch.InstallAsync(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync(url + chartPage.Resolve(responseId), new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        if (chartPage.Action is { } action)
        {
            await ClickUntilDrawnAsync(page, action);
        }

        return await FirstChartWatch.WaitAsync(page, chartPage.Scene);
    }

    /// <summary>
    /// Clicks <paramref name="action"/> until a chart shows: a click on the prerendered page before its circuit is up does
    /// nothing, so the first click that counts is the first a student could make.
    /// </summary>
    private static async Task ClickUntilDrawnAsync(IPage page, string action)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await FirstChartWatch.DrawnAsync(page, scene: false))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No chart within 60 s of clicking {action} on {page.Url}");
            }

            try
            {
                await page.Locator(action).First.ClickAsync(new LocatorClickOptions { Timeout = 2_000 });
                await FirstChartWatch.WaitAsync(page, scene: false, timeoutMs: 1_500);
            }
            catch (TimeoutException)
            {
                // Not interactive yet, or the answer is still on its way: click again.
            }
        }
    }

    /// <summary>From the Live Feed (no chart) of an open dashboard to the page by Blazor's own navigation.</summary>
    private static async Task<double> TimeNavigationAsync(IBrowser browser, string url, ChartPage chartPage, string responseId)
    {
        await using var context = await browser.NewContextAsync(Viewport);
        await FirstChartWatch.InstallAsync(context);
        var page = await context.NewPageAsync();
        // Warm: plotly.js already loaded and the circuit up, as after a first page.
        await page.GotoAsync(url + "/model");
        await FirstChartWatch.WaitAsync(page, scene: false);
        await page.EvaluateAsync("Blazor.navigateTo('/live')");
        await page.WaitForSelectorAsync("#live-feed");
        await FirstChartWatch.ResetAsync(page);
        await page.EvaluateAsync($"Blazor.navigateTo('{chartPage.Resolve(responseId)}')");
        return await FirstChartWatch.WaitAsync(page, chartPage.Scene);
    }

    private static readonly BrowserNewContextOptions Viewport = new() { ViewportSize = new ViewportSize { Width = 1920, Height = 1080 } };

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return Math.Round(sorted[sorted.Count / 2]);
    }

    private static string Range(List<double> values) => $"{Math.Round(values.Min())}–{Math.Round(values.Max())}";

    /// <summary>Debug or Release, from the path of the web's executable (bin/&lt;configuration&gt;/…).</summary>
    private static string BuildOf(int pid)
    {
        try
        {
            var executable = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0')[0];
            return executable.Contains("/bin/Release/", StringComparison.Ordinal) ? "Release" : executable.Contains("/bin/Debug/", StringComparison.Ordinal) ? "Debug" : executable;
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private sealed record PageTimes(string Name, string Path, double TargetMs, double ColdMs, string ColdRangeMs, double? NavigateMs, string? NavigateRangeMs);

    private static async Task<object> MeasureCircuitsAsync(IBrowser browser, string url, int[] counts, int? pid)
    {
        if (pid is null)
        {
            return new { error = "No SpotifyDashboard.Web process on this machine: memory per circuit needs the app running here." };
        }

        await Task.Delay(TimeSpan.FromSeconds(5));
        var baseline = ResidentMb(pid.Value);
        var results = new List<object>();
        var contexts = new List<IBrowserContext>();
        foreach (var count in counts)
        {
            while (contexts.Count < count)
            {
                var context = await browser.NewContextAsync();
                await FirstChartWatch.InstallAsync(context);
                var page = await context.NewPageAsync();
                await page.GotoAsync(url + "/");
                await FirstChartWatch.WaitAsync(page, scene: false, timeoutMs: 120_000);
                contexts.Add(context);
            }

            // Let the circuits settle (first renders, JS interop) before reading.
            await Task.Delay(TimeSpan.FromSeconds(5));
            var resident = ResidentMb(pid.Value);
            results.Add(new { open = count, webRssMb = Math.Round(resident, 1), perCircuitMb = Math.Round((resident - baseline) / count, 2) });
        }

        foreach (var context in contexts)
        {
            await context.CloseAsync();
        }

        return new { webProcess = pid, idleRssMb = Math.Round(baseline, 1), circuits = results };
    }

    private static int? FindProcess(string name)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                // The web itself, not the `dotnet run` wrapper Aspire starts it through, and the one built from this
                // checkout (a test run elsewhere on the machine may have its own).
                var executable = cmdline.Split(' ')[0];
                if (executable.StartsWith(RepositoryRoot(), StringComparison.Ordinal) && executable.EndsWith($"/{name}", StringComparison.Ordinal))
                {
                    return pid;
                }
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return null;
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SpotifyDashboard.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? "/";
    }

    private static double ResidentMb(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    private static async Task<string> FirstAnalysedResponseAsync(string apiUrl)
    {
        using var http = new HttpClient();
        using var clusters = JsonDocument.Parse(await http.GetStringAsync($"{apiUrl}/api/clusters"));
        return clusters.RootElement.GetProperty("points")[0].GetProperty("id").GetString()!;
    }

    private static string Option(string[] args, string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }
}
