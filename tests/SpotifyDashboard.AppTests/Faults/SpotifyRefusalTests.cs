using System.Net.Http.Json;
using System.Text.Json;
using SpotifyDashboard.Core.Contracts;
using SpotifyDashboard.Core.Music;
using SpotifyDashboard.Core.Storage;

namespace SpotifyDashboard.AppTests.Faults;

[Collection(FaultsCollection.Name)]
public class SpotifyRefusalTests(FaultsAppFixture fixture)
{
    private const string Prefix = "Lapsed Song";
    private const int Students = 8;

    /// <summary>Spotify:RefusedProbeInterval in <see cref="FaultsAppFixture"/>.</summary>
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Spotify refuses every call of the app (its owner's Premium has lapsed): the worker reports Spotify refused with
    /// Spotify's reason in <c>/api/status</c> and <c>/health/details</c>, asks once per probe interval instead of every
    /// pass (every 2 s here, 8 songs each), keeps the rows pending without marking any not found, and once Spotify answers
    /// again enriches them all by itself.
    /// </summary>
    [Fact]
    public async Task AnAppSpotifyRefusesWaitsWithTheReasonProbesRarelyAndResumesByItself()
    {
        try
        {
            fixture.Fakes.AppRefused = true;
            await fixture.AddStudentsAsync(Prefix, Students);
            var refused = await SpotifyUntilAsync(p => p.State == ProviderState.Refused);
            Assert.Equal(MusicServiceFakes.PremiumRequired, refused.LastError);

            var callsBefore = fixture.Fakes.RefusedCalls;
            var window = TimeSpan.FromSeconds(12);
            await Task.Delay(window);
            var calls = fixture.Fakes.RefusedCalls - callsBefore;
            // One probe per interval (and one more at the window's edges), not one call per song on every pass.
            Assert.InRange(calls, 0, (int)(window / ProbeInterval) + 2);

            var rows = await fixture.ResponsesAsync(Prefix);
            Assert.Equal(Students, rows.Count);
            Assert.All(rows, r => Assert.Equal(EnrichmentState.Pending, r.Enrichment));
            Assert.All(rows, r => Assert.Contains(MusicServiceFakes.PremiumRequired, r.EnrichmentNote, StringComparison.Ordinal));

            var health = JsonDocument.Parse(await fixture.Api.GetStringAsync("/health/details")).RootElement.GetProperty("services").GetProperty("spotify_api");
            Assert.Equal("unhealthy", health.GetProperty("state").GetString());
            Assert.Contains($"refused by Spotify: {MusicServiceFakes.PremiumRequired}", health.GetProperty("reason").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            fixture.Fakes.AppRefused = false;
        }

        var done = await fixture.WaitForEnrichedAsync(Prefix, Students, TimeSpan.FromSeconds(60));
        Assert.Equal(Students, done.Count);
        // Settled as the fakes' data says: features where ReccoBeats knows the track, unmatched where it leaves it out.
        Assert.All(done, r => Assert.Equal(MusicServiceFakes.SettledState(r.Response.FavoriteSong, r.Response.Artist), r.Enrichment));
        Assert.All(done.Where(r => r.Enrichment == EnrichmentState.Enriched), r => Assert.NotNull(r.Features));
        Assert.Contains(done, r => r.Features is not null);
        await SpotifyUntilAsync(p => p.State == ProviderState.Ok);
    }

    private async Task<ProviderStatus> SpotifyUntilAsync(Func<ProviderStatus, bool> done)
    {
        var status = await PageWaits.UntilAsync(
            async () => (await fixture.Api.GetFromJsonAsync<StatusReport>("/api/status", DashboardJson.Options))!,
            s => s.Enrichment?.Providers.FirstOrDefault(p => p.Name == "spotify") is { } state && done(state),
            TimeSpan.FromSeconds(60));
        return status.Enrichment!.Providers.Single(p => p.Name == "spotify");
    }
}
