using Microsoft.Playwright;

namespace SpotifyDashboard.AppTests;

[Collection(AppCollection.Name)]
public class LiveFeedBrowserTests(AppFixture fixture)
{
    [Fact]
    public async Task ANewResponseAppearsWithoutReloading()
    {
        await using var context = await BrowserSession.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(fixture.Web.BaseAddress!, "/live").ToString());
        await page.WaitForSelectorAsync("#live-feed .song");
        // Anything a reload would wipe out: if this survives, the page updated in place.
        await page.EvaluateAsync("() => window.__openedOnce = true");
        var totalBefore = int.Parse(await page.InnerTextAsync("#feed-total"), System.Globalization.CultureInfo.InvariantCulture);

        await page.WaitForFunctionAsync(
            "before => Number(document.querySelector('#feed-total')?.textContent) > before",
            totalBefore,
            new PageWaitForFunctionOptions { Timeout = 30_000 });
        await page.WaitForSelectorAsync("#live-feed .feed-row-new .new-badge", new PageWaitForSelectorOptions { Timeout = 10_000 });

        Assert.True(await page.EvaluateAsync<bool>("() => window.__openedOnce === true"), "the page was reloaded");
        // The newest row (top) is the one highlighted as new.
        Assert.Equal(1, await page.Locator("#live-feed .feed-row >> nth=0").Locator(".new-badge").CountAsync());
        Assert.True(await page.Locator("#mode-badge").IsVisibleAsync());
        Assert.Contains("Demo data", await page.InnerTextAsync("#mode-badge"));
    }
}
