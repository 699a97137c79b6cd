using System.Net;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
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
    /// restart is read and enriched.
    /// </summary>
    [Fact]
    public async Task StoppingAndStartingTheCacheLosesNothingAndTheServicesReconnectByThemselves()
    {
        var before = (await fixture.Store.GetAllAsync(FaultsAppFixture.Source)).Select(r => r.Response.Id).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(before);

        var stopped = await fixture.App.ResourceCommands.ExecuteCommandAsync("cache-garnet", KnownResourceCommands.StopCommand);
        Assert.True(stopped.Success, stopped.Message);
        var down = await PageWaits.UntilAsync(() => HealthAsync(), h => h.Cache == "unhealthy", TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.Status);

        var started = await fixture.App.ResourceCommands.ExecuteCommandAsync("cache-garnet", KnownResourceCommands.StartCommand);
        Assert.True(started.Success, started.Message);
        var up = await PageWaits.UntilAsync(() => HealthAsync(), h => h.Cache == "healthy" && h.Worker == "healthy", TimeSpan.FromSeconds(90));
        Assert.Equal(HttpStatusCode.OK, up.Status);

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
        Assert.All(fresh, r => Assert.Equal(EnrichmentState.Enriched, r.Enrichment));
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
