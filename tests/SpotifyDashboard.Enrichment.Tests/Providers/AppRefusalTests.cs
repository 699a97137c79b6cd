using Microsoft.Extensions.Time.Testing;
using SpotifyDashboard.Core.Contracts;
using SpotifyDashboard.Core.Music;
using SpotifyDashboard.Core.Survey;
using SpotifyDashboard.Enrichment.Lookup;
using SpotifyDashboard.Enrichment.Providers;
using SpotifyDashboard.Enrichment.Tests.Infrastructure;

namespace SpotifyDashboard.Enrichment.Tests.Providers;

/// <summary>
/// Spotify refusing the app as a whole (403 on every call, e.g. the owner's Premium has lapsed): the provider is
/// refused with Spotify's reason, asked once per <c>Spotify:RefusedProbeInterval</c>, and resumes by itself.
/// </summary>
public class AppRefusalTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task ARefusedAppIsAskedOncePerProbeIntervalAndResumesWithEverySongEnriched()
    {
        using var fakes = new MusicServiceFakes();
        var refusal = fakes.RefuseApp();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = new EnrichmentHost(fakes, time: clock);
        IReadOnlyList<EnrichedResponse> responses = [.. Enumerable.Range(0, 35).Select(i => EnrichmentHost.Pending(EnrichmentHost.UniqueSong($"Lapsed {i}"), "Artist"))];

        // Half an hour of the worker's passes, one every 15 s.
        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromMinutes(30); elapsed += Tick)
        {
            responses = await host.Enricher.EnrichAsync(responses);
            Assert.All(responses, r => Assert.Equal(EnrichmentState.Pending, r.Enrichment));
            clock.Advance(Tick);
        }

        var status = host.Providers.Get(ProviderNames.Spotify);
        Assert.Equal(ProviderState.Refused, status.State);
        Assert.Equal(MusicServiceFakes.PremiumRequired, status.LastError);
        Assert.All(responses, r => Assert.Contains(MusicServiceFakes.PremiumRequired, r.EnrichmentNote));
        Assert.All(responses, r => Assert.StartsWith("refused by Spotify", r.EnrichmentNote));
        // The first pass's searches in flight (at most Enrichment:MaxParallelSearches, 8), then one probe per 10 min:
        // not 35 songs × 120 passes.
        var callsWhileRefused = fakes.SpotifyApiCalls;
        Assert.InRange(callsWhileRefused, 1, 8 + 3);
        Assert.Equal(0, fakes.Calls(MusicServiceFakes.ReccoBeatsFeaturesPath));

        fakes.AnswerAgain(refusal);
        var passesUntilResumed = 0;
        while (responses.Any(r => r.Enrichment == EnrichmentState.Pending) && passesUntilResumed < 41)
        {
            clock.Advance(Tick);
            responses = await host.Enricher.EnrichAsync(responses);
            passesUntilResumed++;
        }

        // Within one probe interval (40 passes), and in the pass of the probe itself: all 35, features and all.
        Assert.InRange(passesUntilResumed, 1, 40);
        Assert.All(responses, r => Assert.Equal(EnrichmentState.Enriched, r.Enrichment));
        Assert.All(responses, r => Assert.NotNull(r.Features));
        Assert.Equal(ProviderState.Ok, host.Providers.Get(ProviderNames.Spotify).State);
    }

    [Fact]
    public async Task NoSongIsMarkedNotFoundWhileTheAppIsRefused()
    {
        using var fakes = new MusicServiceFakes();
        fakes.RefuseApp();
        await using var host = new EnrichmentHost(fakes);
        var song = EnrichmentHost.UniqueSong("Never Unmatched");

        var first = await host.Enricher.EnrichAsync([EnrichmentHost.Pending(song, "Artist")]);
        var again = await host.Get<ISongFeatureLookup>().LookupAsync(song, "Artist");

        Assert.Equal(EnrichmentState.Pending, first[0].Enrichment);
        Assert.Equal(SongOutcomeKind.Deferred, again.Kind);
        // Nothing was cached as a miss: the lookup was deferred again, not answered from the cache.
        Assert.Equal(1, fakes.SpotifyApiCalls);
    }

    [Fact]
    public async Task EveryCallRefusedWithoutAKnownMessageRefusesTheAppAfterThreeInARow()
    {
        using var fakes = new MusicServiceFakes();
        fakes.RefuseApp("Forbidden");
        await using var host = new EnrichmentHost(fakes, new() { ["Enrichment:MaxParallelSearches"] = "1" });
        var responses = Enumerable.Range(0, 6).Select(i => EnrichmentHost.Pending(EnrichmentHost.UniqueSong($"Forbidden {i}"), "Artist")).ToList();

        var enriched = await host.Enricher.EnrichAsync(responses);

        Assert.All(enriched, r => Assert.Equal(EnrichmentState.Pending, r.Enrichment));
        Assert.Equal(3, fakes.SpotifyApiCalls);
        var status = host.Providers.Get(ProviderNames.Spotify);
        Assert.Equal(ProviderState.Refused, status.State);
        Assert.Contains("403 to every call", status.LastError);
        Assert.Contains("Forbidden", status.LastError);
        // The first songs were refused one by one; the rest waited for the probe without a call.
        Assert.StartsWith("Spotify refused this request (403", enriched[0].EnrichmentNote);
        Assert.StartsWith("refused by Spotify", enriched[5].EnrichmentNote);
    }

    [Fact]
    public async Task AForbiddenTokenEndpointRefusesTheAppAndIsNotAskedAgainUntilTheProbe()
    {
        using var fakes = new MusicServiceFakes();
        var refusal = fakes.RefuseAppAtTokenEndpoint();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = new EnrichmentHost(fakes, new() { ["Spotify:RefusedProbeInterval"] = "00:02:00" }, time: clock);
        var response = EnrichmentHost.Pending(EnrichmentHost.UniqueSong("No Token"), "Artist");

        var first = await host.Enricher.EnrichAsync([response]);
        var second = await host.Enricher.EnrichAsync([response]);

        Assert.Equal(1, fakes.Calls(MusicServiceFakes.TokenPath));
        Assert.Equal(0, fakes.SpotifyApiCalls);
        Assert.Equal(EnrichmentState.Pending, second[0].Enrichment);
        var status = host.Providers.Get(ProviderNames.Spotify);
        Assert.Equal(ProviderState.Refused, status.State);
        Assert.Contains("403", status.LastError);
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromMinutes(2), status.Until);

        fakes.AnswerAgain(refusal);
        clock.Advance(TimeSpan.FromMinutes(2));
        var resumed = await host.Enricher.EnrichAsync([first[0]]);

        Assert.Equal(EnrichmentState.Enriched, resumed[0].Enrichment);
        Assert.Equal(ProviderState.Ok, host.Providers.Get(ProviderNames.Spotify).State);
    }

    [Fact]
    public void ARefusalIsNotOverWhenItsProbeTimeHasPassedOnlyWhenSpotifyAnswers()
    {
        var now = DateTimeOffset.UtcNow;
        var refused = new ProviderStatus(ProviderNames.Spotify, ProviderState.Refused, now.AddMinutes(-1), MusicServiceFakes.PremiumRequired, now.AddMinutes(-11));

        Assert.Equal(ProviderState.Refused, refused.AsOf(now).State);
        var registry = new ProviderStatusRegistry(new FakeTimeProvider(now));
        registry.Refused(ProviderNames.Spotify, MusicServiceFakes.PremiumRequired, now.AddMinutes(10));
        Assert.False(registry.TryClaimCall(ProviderNames.Spotify, TimeSpan.FromMinutes(10), out _));
        registry.Succeeded(ProviderNames.Spotify);
        Assert.Equal(ProviderState.Ok, registry.Get(ProviderNames.Spotify).State);
    }
}
