using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace SpotifyDashboard.Bench.Commands;

/// <summary>
/// <c>dashboard</c>: against a running app (start it with <c>Demo:InitialStudents=500</c>), the time from navigation to
/// the first chart drawn on each page (median of <c>--runs</c>, a fresh browser context each time, so no warm circuit),
/// and the web's memory per open dashboard: the web process's resident memory with 0, then 1, 10 and 50 pages open.
/// </summary>
public sealed class DashboardBenchCommand : IBenchCommand
{
    /// <summary>The pages that draw a chart as they open (the predictor draws one only after a question).</summary>
    private static readonly string[] ChartPages = ["/", "/clusters", "/model", "/twins/{id}"];

    public string Name => "dashboard";

    public string Usage => "--url http://127.0.0.1:5080 [--api http://127.0.0.1:5081] [--runs 5] [--circuits 1,10,50] [--chromium /usr/bin/chromium]";

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
        foreach (var page in ChartPages)
        {
            await TimeFirstChartAsync(browser, url + page.Replace("{id}", responseId, StringComparison.Ordinal));
        }

        var firstChart = new Dictionary<string, object>();
        foreach (var page in ChartPages)
        {
            var times = new List<double>();
            for (var run = 0; run < runs; run++)
            {
                times.Add(await TimeFirstChartAsync(browser, url + page.Replace("{id}", responseId, StringComparison.Ordinal)));
            }

            times.Sort();
            firstChart[page] = new { medianMs = Math.Round(times[times.Count / 2]), minMs = Math.Round(times[0]), maxMs = Math.Round(times[^1]) };
        }

        var memory = await MeasureCircuitsAsync(browser, url, circuits);
        Console.WriteLine(JsonSerializer.Serialize(new { url, runs, firstChart, memory }, new JsonSerializerOptions { WriteIndented = true }));
        return 0;
    }

    private static async Task<double> TimeFirstChartAsync(IBrowser browser, string pageUrl)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1920, Height = 1080 } });
        var page = await context.NewPageAsync();
        var watch = Stopwatch.StartNew();
        await page.GotoAsync(pageUrl);
        await page.WaitForSelectorAsync(".chart-surface[data-renders]", new PageWaitForSelectorOptions { Timeout = 60_000 });
        return watch.Elapsed.TotalMilliseconds;
    }

    private static async Task<object> MeasureCircuitsAsync(IBrowser browser, string url, int[] counts)
    {
        var pid = FindProcess("SpotifyDashboard.Web");
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
                // The web itself, not the `dotnet run` wrapper Aspire starts it through.
                if (cmdline.Contains($"{name}.dll", StringComparison.Ordinal) || cmdline.Contains($"/{name} ", StringComparison.Ordinal) || cmdline.TrimEnd().EndsWith($"/{name}", StringComparison.Ordinal))
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
