using System.Diagnostics;
using SpotifyDashboard.Core.Music;
using SpotifyDashboard.Enrichment.Providers;
using SpotifyDashboard.Enrichment.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using SpotifyDashboard.Core.Contracts;

namespace SpotifyDashboard.Enrichment.Tests.Providers;

public class ResilienceTests
{
    [Fact]
    public async Task A429WithRetryAfterOneSecondIsWaitedOutThenSucceeds()
    {
        using var fakes = new MusicServiceFakes();
        fakes.FailOnce(MusicServiceFakes.SearchPath, 429, ("Retry-After", "1"));
        await using var host = new EnrichmentHost(fakes);

        var clock = Stopwatch.StartNew();
        var enriched = await host.Enricher.EnrichAsync([EnrichmentHost.Pending(EnrichmentHost.UniqueSong("Throttled"), "Artist")]);
        clock.Stop();

        Assert.Equal(EnrichmentState.Enriched, enriched[0].Enrichment);
        Assert.Equal(2, fakes.Calls(MusicServiceFakes.SearchPath));
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(950), $"waited only {clock.Elapsed}");
    }

    [Fact]
    public async Task ARetryAfterBeyondTheLimitPutsTheProviderInCoolDownWithoutFurtherCalls()
    {
        using var fakes = new MusicServiceFakes();
        fakes.Fail(MusicServiceFakes.SearchPath, 429, "", ("Retry-After", "50000"));
        await using var host = new EnrichmentHost(fakes);
        var before = DateTimeOffset.UtcNow;

        var first = await host.Enricher.EnrichAsync([EnrichmentHost.Pending(EnrichmentHost.UniqueSong("Banned"), "Artist")]);
        var callsAfterBan = fakes.Calls(MusicServiceFakes.SearchPath);
        var second = await host.Enricher.EnrichAsync([EnrichmentHost.Pending(EnrichmentHost.UniqueSong("Also Banned"), "Artist")]);

        Assert.Equal(1, callsAfterBan);
        Assert.Equal(callsAfterBan, fakes.Calls(MusicServiceFakes.SearchPath));
        Assert.All(first.Concat(second), r => Assert.Equal(EnrichmentState.Pending, r.Enrichment));
        Assert.Contains("cool-down until", second[0].EnrichmentNote);
        var status = host.Providers.Get(ProviderNames.Spotify);
        Assert.Equal(ProviderState.Cooldown, status.State);
        Assert.InRange(status.Until!.Value, before.AddSeconds(49_990), DateTimeOffset.UtcNow.AddSeconds(50_010));
    }

    [Fact]
    public async Task ACoolDownEndsByItselfAndWorkResumes()
    {
        using var fakes = new MusicServiceFakes();
        fakes.FailOnce(MusicServiceFakes.SearchPath, 429, ("Retry-After", "1"));
        await using var host = new EnrichmentHost(fakes, new() { ["Enrichment:MaxRetryAfter"] = "00:00:00.500" });
        var response = EnrichmentHost.Pending(EnrichmentHost.UniqueSong("Cooling"), "Artist");

        var during = await host.Enricher.EnrichAsync([response]);
        await Task.Delay(TimeSpan.FromMilliseconds(1100));
        var after = await host.Enricher.EnrichAsync([response]);

        Assert.Equal(EnrichmentState.Pending, during[0].Enrichment);
        Assert.Equal(EnrichmentState.Enriched, after[0].Enrichment);
        Assert.Equal(ProviderState.Ok, host.Providers.Get(ProviderNames.Spotify).State);
    }

    [Fact]
    public async Task FiveServerErrorsOpenTheBreakerWhichStopsCallsAndLaterRecovers()
    {
        using var fakes = new MusicServiceFakes();
        var failing = fakes.Fail(MusicServiceFakes.SearchPath, 500);
        await using var host = new EnrichmentHost(fakes);
        var response = EnrichmentHost.Pending(EnrichmentHost.UniqueSong("Broken"), "Artist");

        var first = await host.Enricher.EnrichAsync([response]);
        var callsWhenOpened = fakes.Calls(MusicServiceFakes.SearchPath);
        var whileOpen = await host.Enricher.EnrichAsync([response]);

        // Five attempts (one call and four retries) and no more: the standard handler of the
        // service defaults did not stack its own retries on top.
        Assert.Equal(5, callsWhenOpened);
        Assert.Equal(callsWhenOpened, fakes.Calls(MusicServiceFakes.SearchPath));
        Assert.Equal(EnrichmentState.Pending, first[0].Enrichment);
        Assert.Equal(EnrichmentState.Pending, whileOpen[0].Enrichment);
        Assert.Equal(ProviderState.BreakerOpen, host.Providers.Get(ProviderNames.Spotify).State);

        fakes.Server.DeleteMapping(failing);
        await Task.Delay(TimeSpan.FromMilliseconds(1100));
        var recovered = await host.Enricher.EnrichAsync([response]);

        Assert.Equal(EnrichmentState.Enriched, recovered[0].Enrichment);
        Assert.Equal(ProviderState.Ok, host.Providers.Get(ProviderNames.Spotify).State);
    }

    [Fact]
    public async Task AHangingResponseTimesOutAndTheSongStaysPending()
    {
        using var fakes = new MusicServiceFakes();
        fakes.Hang(MusicServiceFakes.ReccoBeatsFeaturesPath, TimeSpan.FromSeconds(20));
        await using var host = new EnrichmentHost(fakes, new()
        {
            ["ReccoBeats:Limits:AttemptTimeout"] = "00:00:00.300",
            ["ReccoBeats:Limits:TotalTimeout"] = "00:00:01",
            ["ReccoBeats:Limits:MaxRetries"] = "1",
        });

        var clock = Stopwatch.StartNew();
        var enriched = await host.Enricher.EnrichAsync([EnrichmentHost.Pending(EnrichmentHost.UniqueSong("Slow"), "Artist")]);
        clock.Stop();

        Assert.Equal(EnrichmentState.Pending, enriched[0].Enrichment);
        Assert.Contains("did not answer in time", enriched[0].EnrichmentNote);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        // WireMock logs a request only once it has answered, so the hanging calls are not counted here.
        Assert.Contains("did not answer in time", host.Providers.Get(ProviderNames.ReccoBeats).LastError);
    }

    [Fact]
    public async Task GarbageJsonIsACountedErrorAndTheRowIsEnrichedOnceTheAnswerIsSound()
    {
        using var fakes = new MusicServiceFakes();
        var garbage = fakes.Fail(MusicServiceFakes.SearchPath, 200, "{\"tracks\": {\"items\": [ this is not json");
        await using var host = new EnrichmentHost(fakes);
        var response = EnrichmentHost.Pending(EnrichmentHost.UniqueSong("Garbled"), "Artist");

        var first = await host.Enricher.EnrichAsync([response]);
        fakes.Server.DeleteMapping(garbage);
        var second = await host.Enricher.EnrichAsync([first[0]]);

        Assert.Equal(EnrichmentState.Pending, first[0].Enrichment);
        Assert.Contains("malformed JSON", first[0].EnrichmentNote);
        Assert.Contains("malformed JSON", host.Providers.Get(ProviderNames.Spotify).LastError);
        Assert.Equal(EnrichmentState.Enriched, second[0].Enrichment);
    }

    [Fact]
    public async Task A403OnSpotifyAudioFeaturesFallsBackToReccoBeatsAndIsNotAskedAgain()
    {
        using var fakes = new MusicServiceFakes();
        fakes.Fail(MusicServiceFakes.SpotifyFeaturesPath, 403, """{"error":{"status":403,"message":"Forbidden"}}""");
        await using var host = new EnrichmentHost(fakes, new() { ["Spotify:UseAudioFeaturesEndpoint"] = "true" });

        var first = await host.Enricher.EnrichAsync([EnrichmentHost.Pending(EnrichmentHost.UniqueSong("Legacy"), "Artist")]);
        var second = await host.Enricher.EnrichAsync([EnrichmentHost.Pending(EnrichmentHost.UniqueSong("Legacy Two"), "Artist")]);

        Assert.Equal(EnrichmentState.Enriched, first[0].Enrichment);
        Assert.Equal("reccobeats", first[0].Track!.FeatureSource);
        Assert.Equal(EnrichmentState.Enriched, second[0].Enrichment);
        Assert.Equal(1, fakes.Calls(MusicServiceFakes.SpotifyFeaturesPath));
        Assert.Equal(ProviderState.Unavailable, host.Providers.Get(ProviderNames.SpotifyAudioFeatures).State);
        Assert.Equal(ProviderState.Ok, host.Providers.Get(ProviderNames.Spotify).State);
    }

    [Fact]
    public async Task SpotifyAudioFeaturesAreUsedWhenTheAppMayUseThem()
    {
        using var fakes = new MusicServiceFakes();
        var song = EnrichmentHost.UniqueSong("Legacy Allowed");
        var id = MusicServiceFakes.TrackIdFor(song, "Artist");
        fakes.Server.Given(Request.Create().WithPath(MusicServiceFakes.SpotifyFeaturesPath)).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody($$"""{"audio_features":[{"id":"{{id}}","danceability":0.42,"energy":0.5,"key":2,"loudness":-7,"mode":0,"speechiness":0.1,"acousticness":0.2,"instrumentalness":0,"liveness":0.3,"valence":0.4,"tempo":99.5,"duration_ms":123000,"time_signature":4}]}"""));
        await using var host = new EnrichmentHost(fakes, new() { ["Spotify:UseAudioFeaturesEndpoint"] = "true" });

        var enriched = await host.Enricher.EnrichAsync([EnrichmentHost.Pending(song, "Artist")]);

        Assert.Equal("spotify", enriched[0].Track!.FeatureSource);
        Assert.Equal(0.42, enriched[0].Features!.Danceability);
        Assert.Equal(4, enriched[0].Features!.TimeSignature);
        Assert.Equal(0, fakes.Calls(MusicServiceFakes.ReccoBeatsFeaturesPath));
    }

    [Fact]
    public async Task A401GetsANewTokenOnceAndTheRequestIsRepeated()
    {
        using var fakes = new MusicServiceFakes();
        var scenario = Guid.NewGuid().ToString();
        fakes.Server.Given(Request.Create().WithPath(MusicServiceFakes.TokenPath).UsingPost()).AtPriority(1)
            .InScenario(scenario).WillSetStateTo("second")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody("""{"access_token":"expired-token","token_type":"Bearer","expires_in":3600}"""));
        fakes.Server.Given(Request.Create().WithPath(MusicServiceFakes.SearchPath).WithHeader("Authorization", "Bearer expired-token")).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(401).WithBody("""{"error":{"status":401,"message":"The access token expired"}}"""));
        await using var host = new EnrichmentHost(fakes);

        var enriched = await host.Enricher.EnrichAsync([EnrichmentHost.Pending(EnrichmentHost.UniqueSong("Expired"), "Artist")]);

        Assert.Equal(EnrichmentState.Enriched, enriched[0].Enrichment);
        Assert.Equal(2, fakes.Calls(MusicServiceFakes.TokenPath));
        Assert.Equal(2, fakes.Calls(MusicServiceFakes.SearchPath));
    }

    [Fact]
    public async Task TheTokenIsReusedUntilItExpires()
    {
        using var fakes = new MusicServiceFakes();
        await using var host = new EnrichmentHost(fakes);

        await host.Enricher.EnrichAsync([.. Enumerable.Range(0, 4).Select(i => EnrichmentHost.Pending(EnrichmentHost.UniqueSong($"Token {i}"), "Artist"))]);

        Assert.Equal(1, fakes.Calls(MusicServiceFakes.TokenPath));
        var tokenRequest = fakes.Entries(MusicServiceFakes.TokenPath).Single().RequestMessage;
        Assert.Equal("grant_type=client_credentials", tokenRequest.Body);
        Assert.Equal("Basic " + Convert.ToBase64String("test-client:test-secret"u8.ToArray()), tokenRequest.Headers!["Authorization"].ToString());
    }
}
