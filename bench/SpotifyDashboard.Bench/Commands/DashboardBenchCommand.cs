using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace SpotifyDashboard.Bench.Commands;

/// <summary>
/// <c>dashboard</c>: against a running app (start it with <c>Demo:InitialStudents=500</c>), the time from navigation to
/// the page's first chart drawn, median of <c>--runs</c>: <c>coldMs</c> opens the page in a fresh browser context (empty
/// cache: plotly.js is fetched and parsed, a new circuit starts); <c>navigateMs</c> moves to it inside the app, as a student
/// does, from another page of an open dashboard. Then the web's memory per open dashboard: its resident memory with 0, then
/// 1, 10 and 50 Overview pages open.
/// </summary>
public sealed class DashboardBenchCommand : IBenchCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The pages that draw a chart as they open, and the chart to wait for (the predictor draws one only after a question).</summary>
    private static readonly (string Page, string Chart)[] ChartPages =
        [("/", "#chart-majors"), ("/clusters", "#chart-clusters"), ("/model", "#chart-confusion"), ("/twins/{id}", "#chart-twin-radar")];

    public string Name => "dashboard";

    public string Usage => "--url http://127.0.0.1:5080 [--api http://127.0.0.1:5081] [--runs 5] [--circuits 1,10,50] [--web-pid N] [--chromium /usr/bin/chromium]";

    public async Task<int> RunAsync(string[] args)
    {
        var url = Option(args, "--url", "http://127.0.0.1:5080").TrimEnd('/');
        var apiUrl = Option(args, "--api", "http://127.0.0.1:5081").TrimEnd('/');
        var runs = int.Parse(Option(args, "--runs", "5"), CultureInfo.InvariantCulture);
        var circuits = Option(args, "--circuits", "1,10,50").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();
        var chromium = Option(args, "--chromium", Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium");

        var responseId = await FirstAnalysedResponseAsync(apiUrl);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });

        // One throw-away visit per page so the first measured one does not pay for the web's own JIT.
        foreach (var (page, chart) in ChartPages)
        {
            await TimeColdAsync(browser, url + Resolve(page, responseId), chart);
        }

        var firstChart = new Dictionary<string, object>();
        foreach (var (page, chart) in ChartPages)
        {
            var cold = new List<double>();
            var navigate = new List<double>();
            for (var run = 0; run < runs; run++)
            {
                cold.Add(await TimeColdAsync(browser, url + Resolve(page, responseId), chart));
                navigate.Add(await TimeNavigationAsync(browser, url, Resolve(page, responseId), chart));
            }

            firstChart[page] = new { coldMs = Median(cold), navigateMs = Median(navigate), coldRangeMs = Range(cold), navigateRangeMs = Range(navigate) };
        }

        var webPid = args.Contains("--web-pid") ? int.Parse(Option(args, "--web-pid", "0"), CultureInfo.InvariantCulture) : FindProcess("SpotifyDashboard.Web");
        var memory = await MeasureCircuitsAsync(browser, url, circuits, webPid);
        Console.WriteLine(JsonSerializer.Serialize(new { url, runs, firstChart, memory }, Indented));
        return 0;
    }

    private static async Task<double> TimeColdAsync(IBrowser browser, string pageUrl, string chart)
    {
        await using var context = await browser.NewContextAsync(Viewport);
        var page = await context.NewPageAsync();
        var watch = Stopwatch.StartNew();
        await page.GotoAsync(pageUrl);
        await page.WaitForSelectorAsync($"{chart}[data-renders]", new PageWaitForSelectorOptions { Timeout = 60_000 });
        return watch.Elapsed.TotalMilliseconds;
    }

    /// <summary>From the Live Feed (no chart) of an open dashboard to <paramref name="path"/> by Blazor's own navigation.</summary>
    private static async Task<double> TimeNavigationAsync(IBrowser browser, string url, string path, string chart)
    {
        await using var context = await browser.NewContextAsync(Viewport);
        var page = await context.NewPageAsync();
        // Warm: plotly.js already loaded and the circuit up, as after a first page.
        await page.GotoAsync(url + "/model");
        await page.WaitForSelectorAsync("#chart-confusion[data-renders]", new PageWaitForSelectorOptions { Timeout = 60_000 });
        await page.EvaluateAsync("Blazor.navigateTo('/live')");
        await page.WaitForSelectorAsync("#live-feed");
        var watch = Stopwatch.StartNew();
        await page.EvaluateAsync($"Blazor.navigateTo('{path}')");
        await page.WaitForSelectorAsync($"{chart}[data-renders]", new PageWaitForSelectorOptions { Timeout = 60_000 });
        return watch.Elapsed.TotalMilliseconds;
    }

    private static readonly BrowserNewContextOptions Viewport = new() { ViewportSize = new ViewportSize { Width = 1920, Height = 1080 } };

    private static string Resolve(string page, string responseId) => page.Replace("{id}", responseId, StringComparison.Ordinal);

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return Math.Round(sorted[sorted.Count / 2]);
    }

    private static string Range(List<double> values) => $"{Math.Round(values.Min())}–{Math.Round(values.Max())}";

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
                var page = await context.NewPageAsync();
                await page.GotoAsync(url + "/");
                await page.WaitForSelectorAsync(".chart-surface[data-renders]", new PageWaitForSelectorOptions { Timeout = 120_000 });
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
