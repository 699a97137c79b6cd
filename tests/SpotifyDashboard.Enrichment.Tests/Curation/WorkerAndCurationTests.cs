using SpotifyDashboard.Core.Music;
using SpotifyDashboard.Core.Configuration;
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
        using var fakes = new MusicServiceFakes();
        await using var host = new EnrichmentHost(fakes, Source(SurveySourceKind.Csv));
        var store = host.Get<SurveyResponseStore>();
        await ClearAsync(host, "csv");
        var found = EnrichmentHost.Pending(EnrichmentHost.UniqueSong("Worker Song"), "Artist");
        await store.AddAsync(found);

        var run = await host.Get<EnrichDuty>().RunOnceAsync();

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
    public async Task ABacklogIsWorkedThroughBatchAfterBatchWithoutWaitingForTheNextTick()
    {
        using var fakes = new MusicServiceFakes();
        await using var host = new EnrichmentHost(fakes, new(Source(SurveySourceKind.Csv)) { ["Enrichment:MaxResponsesPerTick"] = "2" });
        var store = host.Get<SurveyResponseStore>();
        await ClearAsync(host, "csv");
        await AddPendingAsync(store, "Backlog Song", 5);

        var (passes, _) = await host.Get<EnrichDuty>().DrainAsync();

        // 2 + 2 + 1: the third pass took less than a full batch, so the backlog was gone.
        Assert.Equal(3, passes);
        Assert.Empty(await store.GetPendingIdsAsync("csv"));
    }

    [Fact]
    public async Task APassThatSettlesNothingWaitsForTheNextTick()
    {
        using var fakes = new MusicServiceFakes();
        await using var host = new EnrichmentHost(fakes, new(Source(SurveySourceKind.Csv)) { ["Enrichment:MaxResponsesPerTick"] = "2" }, credentials: false);
        var store = host.Get<SurveyResponseStore>();
        await ClearAsync(host, "csv");
        await AddPendingAsync(store, "Stuck Song", 5);

        var (passes, _) = await host.Get<EnrichDuty>().DrainAsync();

        // Without Spotify credentials every answer stays pending: one pass, not a loop over the same batch.
        Assert.Equal(1, passes);
        Assert.Equal(5, (await store.GetPendingIdsAsync("csv")).Count);
    }

    [Fact]
    public async Task TheBacklogGaugesShowTheWholeSourceFromTheStoresCounters()
    {
        using var fakes = new MusicServiceFakes();
        fakes.UseSearchResults(MusicServiceFakes.Track(MusicServiceFakes.IdFor("x"), "Completely Different", "Someone Else"));
        await using var host = new EnrichmentHost(fakes, Source(SurveySourceKind.Csv));
        var store = host.Get<SurveyResponseStore>();
        await ClearAsync(host, "csv");
        // Left over in the unmatched set by the clearing above (it knows only the older keys): the first pass puts it right.
        await host.Redis.GetDatabase().SetAddAsync(RedisKeys.Unmatched("csv"), "removed-by-hand");
        await store.AddAsync(EnrichmentHost.Pending(EnrichmentHost.UniqueSong("Gauged Nowhere"), "Ghost", student: "A"));
        await store.AddAsync(EnrichmentHost.Pending(EnrichmentHost.UniqueSong("Gauged Elsewhere"), "Ghost", student: "B"));
        var gauges = new Dictionary<string, long>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        var meters = host.Get<System.Diagnostics.Metrics.IMeterFactory>();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == Telemetry.EnrichmentTelemetry.Name && ReferenceEquals(instrument.Meter.Scope, meters))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => gauges[instrument.Name] = value);
        listener.Start();

        await host.Get<EnrichDuty>().RunOnceAsync();
        listener.RecordObservableInstruments();

        var recount = ResponseStateCounts.Count(await store.GetAllAsync("csv"));
        Assert.Equal(2, recount.Unmatched);
        Assert.Equal(recount.Pending, gauges["enrichment.pending"]);
        Assert.Equal(recount.Unmatched, gauges["enrichment.unmatched"]);
    }

    [Fact]
    public async Task TheWorkerLeavesTheDemoSourceAlone()
    {
        using var fakes = new MusicServiceFakes();
        await using var host = new EnrichmentHost(fakes, Source(SurveySourceKind.Demo));
        await host.Get<SurveyResponseStore>().AddAsync(EnrichmentHost.Pending(EnrichmentHost.UniqueSong("Demo"), "Artist", source: "demo"));

        var run = await host.Get<EnrichDuty>().RunOnceAsync();

        Assert.Equal(EnrichmentRun.Skipped, run);
        Assert.Equal(0, fakes.AllCalls);
    }

    [Fact]
    public async Task WithoutCredentialsTheWorkerKeepsResponsesPendingWithTheReason()
    {
        using var fakes = new MusicServiceFakes();
        await using var host = new EnrichmentHost(fakes, Source(SurveySourceKind.GoogleSheet), credentials: false);
        var store = host.Get<SurveyResponseStore>();
        await ClearAsync(host, "sheet");
        var waiting = EnrichmentHost.Pending(EnrichmentHost.UniqueSong("No Credentials"), "Artist", source: "sheet");
        await store.AddAsync(waiting);

        await host.Get<EnrichDuty>().RunOnceAsync();

        Assert.Contains(waiting.Response.Id, await store.GetPendingIdsAsync("sheet"));
        Assert.Equal(EnrichmentReasons.NoCredentials, (await store.GetAsync("sheet", waiting.Response.Id))!.EnrichmentNote);
        var spotify = (await host.Get<EnrichmentStatusReader>().GetAsync("sheet")).Providers.Single(p => p.Name == ProviderNames.Spotify);
        Assert.Equal(ProviderState.Unavailable, spotify.State);
        Assert.Equal(0, fakes.AllCalls);
    }

    [Fact]
    public async Task UnmatchedSongsAreListedWithHowManyStudentsNamedThem()
    {
        using var fakes = new MusicServiceFakes();
        fakes.UseSearchResults(MusicServiceFakes.Track(MusicServiceFakes.IdFor("x"), "Completely Different", "Someone Else"));
        await using var host = new EnrichmentHost(fakes, Source(SurveySourceKind.Csv));
        var store = host.Get<SurveyResponseStore>();
        await ClearAsync(host, "csv");
        var song = EnrichmentHost.UniqueSong("Nowhere");
        await store.AddAsync(EnrichmentHost.Pending(song, "Ghost", student: "A"));
        await store.AddAsync(EnrichmentHost.Pending(song.ToLowerInvariant(), "ghost", student: "B"));
        await host.Get<EnrichDuty>().RunOnceAsync();

        var result = await host.Get<SongCurator>().GetUnmatchedAsync("csv");

        var item = Assert.Single(result.Items, i => i.SongKey == SongKeyOf(song, "Ghost"));
        Assert.Equal(2, item.Students);
        Assert.Equal(EnrichmentReasons.NoMatch, item.Reason);
        Assert.Equal(result.Items.Count, result.Total);
    }

    [Fact]
    public async Task AnOverrideMapsAnUnmatchedSongToATrackWhichTheWorkerThenEnriches()
    {
        using var fakes = new MusicServiceFakes();
        var noMatch = Guid.NewGuid();
        fakes.Server.Given(Request.Create().WithPath(MusicServiceFakes.SearchPath)).WithGuid(noMatch).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("""{"tracks":{"items":[]}}"""));
        var trackId = MusicServiceFakes.IdFor("the right one");
        fakes.Server.Given(Request.Create().WithPath($"/v1/tracks/{trackId}")).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBodyAsJson(MusicServiceFakes.Track(trackId, "Right Song", "Right Artist")));
        await using var host = new EnrichmentHost(fakes, new() { ["Survey:Source"] = "Csv", ["Enrichment:AdminKey"] = "sesame" });
        var store = host.Get<SurveyResponseStore>();
        await ClearAsync(host, "csv");
        var response = EnrichmentHost.Pending(EnrichmentHost.UniqueSong("Misspelt"), "Artist");
        await store.AddAsync(response);
        await host.Get<EnrichDuty>().RunOnceAsync();
        Assert.Equal(EnrichmentState.Unmatched, (await store.GetAsync("csv", response.Response.Id))!.Enrichment);

        var accepted = await host.Get<SongCurator>().ApplyOverrideAsync(
            "csv", new OverrideRequest(null, response.Response.FavoriteSong, "Artist", $"https://open.spotify.com/track/{trackId}?si=x"));
        Assert.Equal(1, accepted.Requeued);
        Assert.Contains(response.Response.Id, await store.GetPendingIdsAsync("csv"));

        await host.Get<EnrichDuty>().RunOnceAsync();

        var stored = await store.GetAsync("csv", response.Response.Id);
        Assert.Equal(EnrichmentState.Enriched, stored!.Enrichment);
        Assert.Equal(trackId, stored.Track!.Id);
        Assert.Equal(MusicServiceFakes.DanceabilityFor(trackId), stored.Features!.Danceability);
    }

    [Fact]
    public void AnOverrideNeedsASongAndATrack()
    {
        Assert.Empty(SongCurator.Validate(new OverrideRequest(null, "Song", "Artist", "4uLU6hMCjMI75M1A2tKUQC")));
        Assert.Contains("track", SongCurator.Validate(new OverrideRequest(null, "Song", "Artist", "not a track")).Keys);
        Assert.Contains("song", SongCurator.Validate(new OverrideRequest(null, null, null, "4uLU6hMCjMI75M1A2tKUQC")).Keys);
    }

    private static string SongKeyOf(string song, string artist) => Enrichment.Songs.SongKey.For(song, artist);

    private static async Task AddPendingAsync(SurveyResponseStore store, string title, int count)
    {
        foreach (var i in Enumerable.Range(0, count))
        {
            await store.AddAsync(EnrichmentHost.Pending(EnrichmentHost.UniqueSong($"{title} {i}"), "Artist"));
        }
    }

    private static async Task ClearAsync(EnrichmentHost host, string source)
    {
        var db = host.Redis.GetDatabase();
        await db.KeyDeleteAsync([RedisKeys.Responses(source), RedisKeys.ResponsesByTime(source), RedisKeys.Pending(source)]);
    }
}
