using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SpotifyDashboard.Api.Apis;
using SpotifyDashboard.Core.Music;
using SpotifyDashboard.Core.Options;
using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Core.Survey;
using SpotifyDashboard.Enrichment.Curation;
using SpotifyDashboard.Enrichment.Lookup;
using SpotifyDashboard.Enrichment.Options;
using SpotifyDashboard.Enrichment.Providers;
using SpotifyDashboard.Enrichment.Status;
using SpotifyDashboard.Enrichment.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using SpotifyDashboard.Core.Contracts;

namespace SpotifyDashboard.Enrichment.Tests.Curation;

/// <summary>
/// The worker pass and the curation endpoints over the response store. Only this class touches
/// the stored responses, and xunit runs one class's tests one after another, so they never meet.
/// </summary>
public class WorkerAndCurationTests
{
    private static Dictionary<string, string?> Source(SurveySourceKind kind) => new() { ["Survey:Source"] = kind.ToString() };

    [Fact]
    public async Task TheWorkerEnrichesPendingResponsesAndTakesThemOffThePendingSet()
    {
        using var fakes = new UpstreamFakes();
        await using var host = new EnrichmentHost(fakes, Source(SurveySourceKind.Csv));
        var store = host.Get<SurveyResponseStore>();
        await ClearAsync(host, "csv");
        var found = EnrichmentHost.Pending(EnrichmentHost.UniqueSong("Worker Song"), "Artist");
        await store.AddAsync(found);

        var run = await host.Get<EnrichmentWorker>().RunOnceAsync();

        Assert.Equal(1, run.Enriched);
        Assert.Empty(await store.GetPendingIdsAsync("csv"));
        var stored = await store.GetAsync("csv", found.Response.Id);
        Assert.Equal(EnrichmentState.Enriched, stored!.Enrichment);
        Assert.NotNull(stored.Features);
        var status = await host.Get<EnrichmentStatusReader>().GetAsync("csv");
        Assert.Equal(0, status.Pending);
        Assert.True(status.Enriched >= 1);
        Assert.Contains(status.Providers, p => p.Name == ProviderNames.Spotify && p.State == ProviderState.Ok);
        Assert.Contains(status.Providers, p => p.Name == ProviderNames.ReccoBeats);
    }

    [Fact]
    public async Task TheWorkerLeavesTheDemoSourceAlone()
    {
        using var fakes = new UpstreamFakes();
        await using var host = new EnrichmentHost(fakes, Source(SurveySourceKind.Demo));
        await host.Get<SurveyResponseStore>().AddAsync(EnrichmentHost.Pending(EnrichmentHost.UniqueSong("Demo"), "Artist", source: "demo"));

        var run = await host.Get<EnrichmentWorker>().RunOnceAsync();

        Assert.Equal(EnrichmentRun.Skipped, run);
        Assert.Equal(0, fakes.AllCalls);
    }

    [Fact]
    public async Task WithoutCredentialsTheWorkerKeepsResponsesPendingWithTheReason()
    {
        using var fakes = new UpstreamFakes();
        await using var host = new EnrichmentHost(fakes, Source(SurveySourceKind.GoogleSheet), credentials: false);
        var store = host.Get<SurveyResponseStore>();
        await ClearAsync(host, "sheet");
        var waiting = EnrichmentHost.Pending(EnrichmentHost.UniqueSong("No Credentials"), "Artist", source: "sheet");
        await store.AddAsync(waiting);

        await host.Get<EnrichmentWorker>().RunOnceAsync();

        Assert.Contains(waiting.Response.Id, await store.GetPendingIdsAsync("sheet"));
        Assert.Equal(EnrichmentReasons.NoCredentials, (await store.GetAsync("sheet", waiting.Response.Id))!.EnrichmentNote);
        var spotify = (await host.Get<EnrichmentStatusReader>().GetAsync("sheet")).Providers.Single(p => p.Name == ProviderNames.Spotify);
        Assert.Equal(ProviderState.Unavailable, spotify.State);
        Assert.Equal(0, fakes.AllCalls);
    }

    [Fact]
    public async Task UnmatchedSongsAreListedWithHowManyStudentsNamedThem()
    {
        using var fakes = new UpstreamFakes();
        fakes.UseSearchResults(UpstreamFakes.Track(UpstreamFakes.IdFor("x"), "Completely Different", "Someone Else"));
        await using var host = new EnrichmentHost(fakes, Source(SurveySourceKind.Csv));
        var store = host.Get<SurveyResponseStore>();
        await ClearAsync(host, "csv");
        var song = EnrichmentHost.UniqueSong("Nowhere");
        await store.AddAsync(EnrichmentHost.Pending(song, "Ghost", student: "A"));
        await store.AddAsync(EnrichmentHost.Pending(song.ToLowerInvariant(), "ghost", student: "B"));
        await host.Get<EnrichmentWorker>().RunOnceAsync();

        var result = await UnmatchedApi.GetUnmatched(host.Get<SongCurator>(), Microsoft.Extensions.Options.Options.Create(new SurveyOptions { Source = SurveySourceKind.Csv }));

        var item = Assert.Single(result.Value!.Items, i => i.SongKey == SongKeyOf(song, "Ghost"));
        Assert.Equal(2, item.Students);
        Assert.Equal(EnrichmentReasons.NoMatch, item.Reason);
        Assert.Equal(result.Value.Items.Count, result.Value.Total);
    }

    [Fact]
    public async Task AnOverrideMapsAnUnmatchedSongToATrackWhichTheWorkerThenEnriches()
    {
        using var fakes = new UpstreamFakes();
        var noMatch = Guid.NewGuid();
        fakes.Server.Given(Request.Create().WithPath(UpstreamFakes.SearchPath)).WithGuid(noMatch).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("""{"tracks":{"items":[]}}"""));
        var trackId = UpstreamFakes.IdFor("the right one");
        fakes.Server.Given(Request.Create().WithPath($"/v1/tracks/{trackId}")).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBodyAsJson(UpstreamFakes.Track(trackId, "Right Song", "Right Artist")));
        await using var host = new EnrichmentHost(fakes, new() { ["Survey:Source"] = "Csv", ["Enrichment:AdminKey"] = "sesame" });
        var store = host.Get<SurveyResponseStore>();
        await ClearAsync(host, "csv");
        var response = EnrichmentHost.Pending(EnrichmentHost.UniqueSong("Misspelt"), "Artist");
        await store.AddAsync(response);
        await host.Get<EnrichmentWorker>().RunOnceAsync();
        Assert.Equal(EnrichmentState.Unmatched, (await store.GetAsync("csv", response.Response.Id))!.Enrichment);

        var posted = await PostAsync(host, "sesame", new OverrideRequest(null, response.Response.FavoriteSong, "Artist", $"https://open.spotify.com/track/{trackId}?si=x"));
        var accepted = Assert.IsType<Accepted<OverrideAccepted>>(posted.Result);
        Assert.Equal(1, accepted.Value!.Requeued);
        Assert.Contains(response.Response.Id, await store.GetPendingIdsAsync("csv"));

        await host.Get<EnrichmentWorker>().RunOnceAsync();

        var stored = await store.GetAsync("csv", response.Response.Id);
        Assert.Equal(EnrichmentState.Enriched, stored!.Enrichment);
        Assert.Equal(trackId, stored.Track!.Id);
        Assert.Equal(UpstreamFakes.DanceabilityFor(trackId), stored.Features!.Danceability);
    }

    [Fact]
    public async Task OverridesNeedTheAdminKey()
    {
        using var fakes = new UpstreamFakes();
        await using var host = new EnrichmentHost(fakes, new() { ["Enrichment:AdminKey"] = "sesame" });
        var request = new OverrideRequest(null, "Song", "Artist", "4uLU6hMCjMI75M1A2tKUQC");

        Assert.IsType<UnauthorizedHttpResult>((await PostAsync(host, null, request)).Result);
        Assert.IsType<UnauthorizedHttpResult>((await PostAsync(host, "wrong", request)).Result);
        Assert.IsType<ValidationProblem>((await PostAsync(host, "sesame", request with { Track = "not a track" })).Result);
    }

    [Fact]
    public async Task OverridesAreRefusedClearlyWhenNoAdminKeyIsConfigured()
    {
        using var fakes = new UpstreamFakes();
        await using var host = new EnrichmentHost(fakes);

        var result = await PostAsync(host, "anything", new OverrideRequest(null, "Song", "Artist", "4uLU6hMCjMI75M1A2tKUQC"));

        var problem = Assert.IsType<ProblemHttpResult>(result.Result);
        Assert.Equal(503, problem.StatusCode);
        Assert.Contains("admin-key", problem.ProblemDetails.Detail);
    }

    private static Task<Results<Accepted<OverrideAccepted>, UnauthorizedHttpResult, ProblemHttpResult, ValidationProblem>> PostAsync(
        EnrichmentHost host, string? key, OverrideRequest request) =>
        OverridesApi.PostOverride(
            request,
            key,
            host.Get<SongCurator>(),
            host.Get<IOptions<EnrichmentOptions>>(),
            host.Get<IOptions<SurveyOptions>>());

    private static string SongKeyOf(string song, string artist) => Enrichment.Songs.SongKey.For(song, artist);

    private static async Task ClearAsync(EnrichmentHost host, string source)
    {
        var db = host.Redis.GetDatabase();
        await db.KeyDeleteAsync([RedisKeys.Responses(source), RedisKeys.ResponsesByTime(source), RedisKeys.Pending(source)]);
    }
}
