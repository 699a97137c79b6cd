using System.Net;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Playwright;
using SpotifyDashboard.Core.Music;

namespace SpotifyDashboard.AppTests.Faults;

[Collection(FaultsCollection.Name)]
public class CacheRestartTests(FaultsAppFixture fixture)
{
    private const string Prefix = "After Restart Song";

    /// <summary>
    /// The cache (Garnet, on its data folder) is stopped while the app runs and started again. Meanwhile the api's
    /// <c>/health/details</c> says the cache is unhealthy (503); afterwards, with nobody restarting them, the api and the
    /// worker are connected again: the responses stored before are all served, and a student who answers after the
    /// restart is read and enriched. An open page shows the "Degraded" banner meanwhile and drops it once the cache is back.
    /// </summary>
    [Fact]
    public async Task StoppingAndStartingTheCacheLosesNothingAndTheServicesReconnectByThemselves()
    {
        var before = (await fixture.Store.GetAllAsync(FaultsAppFixture.Source)).Select(r => r.Response.Id).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(before);

        // A teacher's open page: it says "Degraded" while the cache is away and stops saying it afterwards, without a reload.
        await using var context = await BrowserSession.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(fixture.Web.BaseAddress!, "/live").ToString());
        await PageWaits.WaitForInteractiveAsync(page);
        await PageWaits.MarkPageAsync(page);
        Assert.Equal(0, await page.Locator("#degraded-banner").CountAsync());

        var stopped = await fixture.App.ResourceCommands.ExecuteCommandAsync("cache-garnet", KnownResourceCommands.StopCommand);
        Assert.True(stopped.Success, stopped.Message);
        var down = await PageWaits.UntilAsync(() => HealthAsync(), h => h.Cache == "unhealthy", TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.Status);
        await page.WaitForSelectorAsync("#degraded-banner", new() { Timeout = 30_000 });
        Assert.Contains("the cache is not working", await page.InnerTextAsync("#degraded-banner"), StringComparison.Ordinal);

        var started = await fixture.App.ResourceCommands.ExecuteCommandAsync("cache-garnet", KnownResourceCommands.StartCommand);
        Assert.True(started.Success, started.Message);
        var up = await PageWaits.UntilAsync(() => HealthAsync(), h => h.Cache == "healthy" && h.Worker == "healthy", TimeSpan.FromSeconds(90));
        Assert.Equal(HttpStatusCode.OK, up.Status);
        await page.WaitForSelectorAsync("#degraded-banner", new() { State = WaitForSelectorState.Detached, Timeout = 30_000 });
        Assert.False(await PageWaits.WasReloadedAsync(page), "the page was reloaded");

        var responses = await PageWaits.UntilAsync(
            async () => await fixture.Api.GetAsync("/api/responses?limit=500") is { IsSuccessStatusCode: true } r
                ? JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("total").GetInt64()
                : -1,
            total => total >= before.Count,
            TimeSpan.FromSeconds(60));
        Assert.True(responses >= before.Count);
        var after = (await fixture.Store.GetAllAsync(FaultsAppFixture.Source)).Select(r => r.Response.Id).ToHashSet(StringComparer.Ordinal);
        Assert.All(before, id => Assert.Contains(id, after));

        await fixture.AddStudentsAsync(Prefix, 2);
        var fresh = await fixture.WaitForEnrichedAsync(Prefix, 2, TimeSpan.FromSeconds(90));
        Assert.All(fresh, r => Assert.Equal(FaultsAppFixture.Expected(r), r.Enrichment));
    }

    private async Task<(HttpStatusCode Status, string? Cache, string? Worker)> HealthAsync()
    {
        try
        {
            using var response = await fixture.Api.GetAsync("/health/details");
            var services = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("services");
            return (response.StatusCode, services.GetProperty("cache").GetProperty("state").GetString(), services.GetProperty("worker").GetProperty("state").GetString());
        }
        catch (HttpRequestException)
        {
            return (0, null, null);
        }
    }
}
