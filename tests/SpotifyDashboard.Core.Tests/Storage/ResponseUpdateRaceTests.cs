using System.Diagnostics;
using SpotifyDashboard.Core.Music;
using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Core.Survey;
using StackExchange.Redis;

namespace SpotifyDashboard.Core.Tests.Storage;

/// <summary>
/// Two writers on their own connections (as the worker's enrichment and a re-read, or the api's curation, are) racing
/// on one response in a real Garnet. Each race is repeated until the compare-and-set window was hit several times.
/// </summary>
public sealed class ResponseUpdateRaceTests(GarnetFixture garnet) : IClassFixture<GarnetFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(15);
    private const int ConflictsWanted = 5;

    private ConnectionMultiplexer _other = null!;

    public async Task InitializeAsync() => _other = await ConnectionMultiplexer.ConnectAsync(garnet.ConnectionString);

    public async Task DisposeAsync() => await _other.DisposeAsync();

    [Fact]
    public async Task AnEnrichmentPassAndALatestWinsSupersedeRacingOnOneResponseLoseNeitherChange()
    {
        var enrichment = new SurveyResponseStore(garnet.Redis);
        var ingestion = new SurveyResponseStore(_other);
        var conflicts = 0;
        var races = 0;
        var clock = Stopwatch.StartNew();
        while (conflicts < ConflictsWanted && clock.Elapsed < Budget)
        {
            var read = Pending("race", races++);
            await enrichment.AddAsync(read, announce: false);
            var result = read with { Enrichment = EnrichmentState.Enriched, Track = Track("t1"), Features = new AudioFeatures { Energy = 0.5 } };

            var enrich = Counting(ResponseChanges.Enrich(read, result));
            var supersede = Counting(ResponseChanges.Supersede("later-answer"));
            var outcomes = await Task.WhenAll(
                Task.Run(() => enrichment.UpdateAsync("race", read.Response.Id, enrich.Change)),
                Task.Run(() => ingestion.UpdateAsync("race", read.Response.Id, supersede.Change)));

            Assert.All(outcomes, o => Assert.Equal(ResponseUpdateOutcome.Updated, o));
            var stored = (await enrichment.GetAsync("race", read.Response.Id))!;
            Assert.Equal(EnrichmentState.Enriched, stored.Enrichment);
            Assert.Equal("t1", stored.Track?.Id);
            Assert.Equal("later-answer", stored.Response.SupersededBy);
            Assert.DoesNotContain(read.Response.Id, await enrichment.GetPendingIdsAsync("race"));
            conflicts += enrich.Calls + supersede.Calls - 2;
        }

        Assert.True(conflicts > 0, $"No conflict in {races} races: the test never hit the window.");
    }

    [Fact]
    public async Task AResponseAFullReReadRemovedIsNotBroughtBackByARacingEnrichment()
    {
        var enrichment = new SurveyResponseStore(garnet.Redis);
        var ingestion = new SurveyResponseStore(_other);
        var removedFirst = 0;
        var races = 0;
        var clock = Stopwatch.StartNew();
        while (removedFirst < ConflictsWanted && clock.Elapsed < Budget)
        {
            var read = Pending("gone", races++);
            await enrichment.AddAsync(read, announce: false);
            var result = read with { Enrichment = EnrichmentState.Unmatched, EnrichmentNote = "no match" };

            var enrich = Counting(ResponseChanges.Enrich(read, result));
            var outcomes = await Task.WhenAll(
                Task.Run(() => enrichment.UpdateAsync("gone", read.Response.Id, enrich.Change)),
                Task.Run(async () => { await ingestion.RemoveAsync("gone", read.Response.Id); return ResponseUpdateOutcome.Updated; }));

            Assert.Null(await enrichment.GetAsync("gone", read.Response.Id));
            Assert.Equal(0, await enrichment.CountAsync("gone"));
            Assert.Empty(await enrichment.GetPendingIdsAsync("gone"));
            if (outcomes[0] == ResponseUpdateOutcome.Missing)
            {
                removedFirst++;
            }
        }

        Assert.True(removedFirst > 0, $"The removal never came between the enrichment's read and write in {races} races.");
    }

    [Fact]
    public async Task AnEnrichmentResultDoesNotUndoAnOverrideAppliedWhileItWasLookingUp()
    {
        var store = new SurveyResponseStore(garnet.Redis);
        var read = Pending("override", 1);
        await store.AddAsync(read, announce: false);
        var result = read with { Enrichment = EnrichmentState.Unmatched, EnrichmentNote = "no match" };

        // The admin maps the song while the pass is still asking Spotify.
        Assert.Equal(ResponseUpdateOutcome.Updated, await store.UpdateAsync("override", read.Response.Id, ResponseChanges.Requeue("mapped by an admin")));
        var outcome = await store.UpdateAsync("override", read.Response.Id, ResponseChanges.Enrich(read, result));

        Assert.Equal(ResponseUpdateOutcome.Unchanged, outcome);
        var stored = (await store.GetAsync("override", read.Response.Id))!;
        Assert.Equal(EnrichmentState.Pending, stored.Enrichment);
        Assert.Equal("mapped by an admin", stored.EnrichmentNote);
        Assert.Contains(read.Response.Id, await store.GetPendingIdsAsync("override"));
    }

    [Fact]
    public async Task AnUpdateOfAMissingResponseWritesNothing()
    {
        var store = new SurveyResponseStore(garnet.Redis);

        var outcome = await store.UpdateAsync("nothing", "no-such-id", r => r with { EnrichmentNote = "x" });

        Assert.Equal(ResponseUpdateOutcome.Missing, outcome);
        Assert.False(await garnet.Redis.GetDatabase().HashExistsAsync(RedisKeys.Responses("nothing"), "no-such-id"));
    }

    /// <summary>Counts how often the store applied the change (more than once means it retried after a conflict) and widens the window a little.</summary>
    private static CountedChange Counting(Func<EnrichedResponse, EnrichedResponse?> change) => new(change);

    private sealed class CountedChange(Func<EnrichedResponse, EnrichedResponse?> change)
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public EnrichedResponse? Change(EnrichedResponse current)
        {
            Interlocked.Increment(ref _calls);
            Thread.Sleep(Random.Shared.Next(0, 2));
            return change(current);
        }
    }

    private static EnrichedResponse Pending(string source, int i) => new()
    {
        Response = new SurveyResponse
        {
            Id = $"{source}-{i}-{Guid.NewGuid():N}",
            Source = source,
            SubmittedAt = DateTimeOffset.UnixEpoch.AddMinutes(i),
            Student = $"Handle {i}",
            FavoriteSong = $"Song {i}",
            Artist = $"Artist {i}",
        },
    };

    private static Track Track(string id) => new() { Id = id, Name = "Song", Artists = ["Artist"] };
}
