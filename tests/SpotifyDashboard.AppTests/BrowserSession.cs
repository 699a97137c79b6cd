using Microsoft.Playwright;

namespace SpotifyDashboard.AppTests;

/// <summary>
/// Debian's Chromium driven by Playwright, started once for the whole test run: each test works in its own browser
/// context (its own cookies and storage), which costs milliseconds, where starting Playwright's driver and Chromium
/// costs seconds of CPU. Playwright's own browser download cannot work offline, so the system browser is required;
/// without it the test fails and says how to get one.
/// </summary>
public static class BrowserSession
{
    public static readonly string ChromiumPath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";

    private static readonly Lazy<Task<IBrowser>> Shared = new(LaunchAsync);

    /// <summary>A new, empty browser context; dispose it at the end of the test (that closes its pages).</summary>
    public static async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null) =>
        await (await Shared.Value).NewContextAsync(options);

    private static async Task<IBrowser> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            Assert.Fail($"No Chromium at {ChromiumPath}. Run ./test.sh (it installs Debian's chromium), or `sudo apt-get install -y chromium`, or set CHROMIUM_PATH.");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // The machine has no internet: stop Chromium from trying to reach Google's services.
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            browser.CloseAsync().Wait(TimeSpan.FromSeconds(10));
            playwright.Dispose();
        };
        return browser;
    }
}
