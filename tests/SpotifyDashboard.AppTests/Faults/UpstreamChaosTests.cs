using System.Net.Http.Json;
using SpotifyDashboard.Core.Contracts;
using SpotifyDashboard.Core.Music;
using SpotifyDashboard.Core.Storage;
using WireMock;

namespace SpotifyDashboard.AppTests.Faults;

[Collection(FaultsCollection.Name)]
public class UpstreamChaosTests(FaultsAppFixture fixture)
{
    private const string Prefix = "Chaos Song";
    private const int Students = 6;

    /// <summary>
    /// Spotify's search goes through a 429 storm whose Retry-After (6 s) is beyond Enrichment:MaxRetryAfter (2 s), then a
    /// burst of 503s, then hangs past the attempt timeout. Each shows in <c>/api/status</c> as Spotify's state (cool-down,
    /// open breaker, open breaker after a timeout) while the class's rows wait as pending; once Spotify answers again
    /// every row is enriched, none lost or doubled, and Spotify is back to ok.
    /// </summary>
    [Fact]
    public async Task A429StormA5xxBurstAndAHangShowAsProviderStatesAndNoRowIsLost()
    {
        try
        {
            fixture.Fakes.SearchFault = _ => Task.FromResult<ResponseMessage?>(
                MusicServiceFakes.Answer(429, """{"error":{"status":429,"message":"API rate limit exceeded"}}""", ("Retry-After", "6")));
            await fixture.AddStudentsAsync(Prefix, Students);
            var cooling = await SpotifyUntilAsync(p => p.State == ProviderState.Cooldown);
            Assert.NotNull(cooling.Until);
            await AssertAllPendingAsync();

            fixture.Fakes.SearchFault = _ => Task.FromResult<ResponseMessage?>(
                MusicServiceFakes.Answer(503, """{"error":{"status":503,"message":"Service unavailable"}}"""));
            var broken = await SpotifyUntilAsync(p => p.State == ProviderState.BreakerOpen && p.LastError == "HTTP 503");
            Assert.NotNull(broken.Until);
            await AssertAllPendingAsync();

            fixture.Fakes.SearchFault = async _ =>
            {
                // Longer than Spotify:Limits:AttemptTimeout (3 s): the app gives up on the attempt, not the fake.
                await Task.Delay(TimeSpan.FromSeconds(10));
                return null;
            };
            await SpotifyUntilAsync(p => p.State == ProviderState.BreakerOpen && p.LastError?.Contains("Timeout", StringComparison.Ordinal) == true);
            await AssertAllPendingAsync();
        }
        finally
        {
            fixture.Fakes.SearchFault = null;
        }

        var done = await fixture.WaitForEnrichedAsync(Prefix, Students, TimeSpan.FromSeconds(90));
        Assert.Equal(Students, done.Count);
        Assert.Equal(Students, done.Select(r => r.Response.Id).Distinct().Count());
        Assert.All(done, r => Assert.NotNull(r.Features));
        await SpotifyUntilAsync(p => p.State == ProviderState.Ok);
    }

    private async Task AssertAllPendingAsync()
    {
        var rows = await fixture.ResponsesAsync(Prefix);
        Assert.Equal(Students, rows.Count);
        Assert.All(rows, r => Assert.Equal(EnrichmentState.Pending, r.Enrichment));
    }

    private async Task<ProviderStatus> SpotifyUntilAsync(Func<ProviderStatus, bool> done)
    {
        var status = await PageWaits.UntilAsync(
            async () => (await fixture.Api.GetFromJsonAsync<StatusReport>("/api/status", StoreJson.Options))!,
            s => s.Enrichment?.Providers.FirstOrDefault(p => p.Name == "spotify") is { } spotify && done(spotify),
            TimeSpan.FromSeconds(60));
        return status.Enrichment!.Providers.Single(p => p.Name == "spotify");
    }
}
