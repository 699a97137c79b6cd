using Microsoft.Playwright;

namespace SpotifyDashboard.AppTests;

/// <summary>
/// Debian's Chromium driven by Playwright. Playwright's own browser download cannot work offline,
/// so the system browser is required; without it the test fails and says how to get one.
/// </summary>
public static class BrowserSession
{
    public static readonly string ChromiumPath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
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
        return (playwright, browser);
    }
}
