namespace SpotifyDashboard.Api.Tests.Limits;

public class UpstreamQueueTests(GarnetServerFixture garnet) : IClassFixture<GarnetServerFixture>
{
    /// <summary>A lookup that holds every caller until the test lets go, counting how many are inside at once.</summary>
    private sealed class HeldLookup : ISongFeatureLookup
    {
        public readonly TaskCompletionSource Release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public readonly TaskCompletionSource Entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Inside;
        public int MostInside;
        public bool AskedAsVisitor;

        public async Task<SongOutcome> LookupAsync(string title, string artist, CancellationToken cancellationToken = default)
        {
            var now = Interlocked.Increment(ref Inside);
            MostInside = Math.Max(MostInside, now);
            Entered.TrySetResult();
            await Release.Task.WaitAsync(cancellationToken);
            Interlocked.Decrement(ref Inside);
            return SongOutcome.Found(new Track { Id = "4uLU6hMCjMI75M1A2tKUQC", Name = title, Artists = [artist] }, FakeSongFeatureLookup.Known.Features);
        }

        public Task<SongOutcome> LookupForVisitorAsync(string title, string artist, CancellationToken cancellationToken = default)
        {
            AskedAsVisitor = true;
            return LookupAsync(title, artist, cancellationToken);
        }

        public Task<IReadOnlyDictionary<string, SongOutcome>> LookupManyAsync(IEnumerable<SongQuery> songs, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("The api looks up one song at a time.");
    }

    [Fact]
    public async Task LookupsBeyondTheSharedQueueAreBusyAndTheRestWaitTheirTurn()
    {
        var lookup = new HeldLookup();
        await using var factory = await LimitsApiFactory.StartAsync(garnet, new()
        {
            ["RateLimits:UpstreamConcurrency"] = "1",
            ["RateLimits:UpstreamQueue"] = "1",
        }, lookup);
        var client = factory.CreateClient();
        Task<HttpResponseMessage> Predict(string remote) =>
            client.SendAsync(LimitsApiFactory.Request(HttpMethod.Post, "/api/predict-major", remote, JsonContent.Create(new { song = "Slow Song", artist = "Slow Artist" })));

        var running = Predict("10.0.0.1");
        await lookup.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var queued = Predict("10.0.0.2");
        await Task.Delay(200);
        var busy = await Predict("10.0.0.3").WaitAsync(TimeSpan.FromSeconds(10));

        var problem = await ProblemAssert.IsProblemAsync(busy, HttpStatusCode.ServiceUnavailable, "Song lookup unavailable");
        Assert.Contains("busy", problem.GetProperty("detail").GetString());
        lookup.Release.SetResult();
        Assert.Equal(HttpStatusCode.OK, (await running).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await queued).StatusCode);
        Assert.Equal(1, lookup.MostInside);
        Assert.True(lookup.AskedAsVisitor);
    }
}
