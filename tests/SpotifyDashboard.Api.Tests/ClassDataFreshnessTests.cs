using System.Diagnostics;
using SpotifyDashboard.Api.Data;

namespace SpotifyDashboard.Api.Tests;

/// <summary>When the api's in-memory class data changes, and that requests are answered from it. Each test starts from an empty store.</summary>
public class ClassDataFreshnessTests(GarnetServerFixture garnet) : IClassFixture<GarnetServerFixture>
{
    /// <summary>A reload far away: only an event can make the api notice in time.</summary>
    private static readonly Dictionary<string, string> NoPolling = new() { ["ClassData:ReloadInterval"] = "00:30:00" };

    [Fact]
    public async Task ANewAnswerShowsAfterItsResponseAddedEvent()
    {
        await garnet.FlushAsync();
        await TestClass.SaveAsync(garnet.Redis, [TestClass.Demo(0), TestClass.Demo(1)]);
        await using var factory = new AnalysisApiFactory(garnet.ConnectionString, SurveySourceKind.Demo, settings: NoPolling);
        using var client = factory.CreateClient();
        Assert.Equal(2, await StudentsAsync(client));

        await new SurveyResponseStore(garnet.Redis).AddAsync(TestClass.Demo(2));

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await StudentsAsync(client) != 3)
        {
            Assert.True(DateTime.UtcNow < deadline, "The api kept serving 2 students after the response-added event.");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task AStreamHearsOfANewAnswerOnlyOnceTheApiServesIt()
    {
        await garnet.FlushAsync();
        await TestClass.SaveAsync(garnet.Redis, [TestClass.Demo(0), TestClass.Demo(1)]);
        // A long wait for the burst's quiet: relayed at once, the event would reach the page a second before the answer.
        var settings = new Dictionary<string, string>(NoPolling) { ["ClassData:Debounce"] = "00:00:01" };
        await using var factory = new AnalysisApiFactory(garnet.ConnectionString, SurveySourceKind.Demo, settings: settings);
        using var client = factory.CreateClient();
        Assert.Equal(2, (await ApiJson.OkAsync<ResponsePage>(await client.GetAsync("/api/responses"))).Total);
        var stream = await client.GetAsync("/api/events", HttpCompletionOption.ResponseHeadersRead);
        using var events = new StreamReader(await stream.Content.ReadAsStreamAsync());
        Assert.Equal("connected", await EventStreamLines.NextEventAsync(events));

        await new SurveyResponseStore(garnet.Redis).AddAsync(TestClass.Demo(2));

        Assert.Equal("response-added", await EventStreamLines.NextEventAsync(events));
        var page = await ApiJson.OkAsync<ResponsePage>(await client.GetAsync("/api/responses"));
        Assert.Equal(3, page.Total);
        Assert.Equal(TestClass.Demo(2).Response.Id, page.Items[0].Id);
        Assert.Equal(3, await StudentsAsync(client));
    }

    [Fact]
    public async Task AReplacedLoadOfTheClassIsNotKeptAlive()
    {
        await garnet.FlushAsync();
        await TestClass.SaveAsync(garnet.Redis, [TestClass.Demo(0), TestClass.Demo(1)]);
        await using var factory = new AnalysisApiFactory(garnet.ConnectionString, SurveySourceKind.Demo, settings: NoPolling);
        using var client = factory.CreateClient();
        var cache = factory.Services.GetRequiredService<ClassDataCache>();
        // Every read that keeps something made from a load: the joined view, the status report, a responses page.
        Assert.Equal(2, await StudentsAsync(client));
        Assert.Equal(2, (await ApiJson.OkAsync<StatusReport>(await client.GetAsync("/api/status"))).Responses);
        Assert.Equal(2, (await ApiJson.OkAsync<ResponsePage>(await client.GetAsync("/api/responses"))).Total);
        var first = await WeakLoadAsync(cache);

        await cache.ReloadAsync();

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(first.TryGetTarget(out _), "The api still holds the class as loaded before the reload.");
        Assert.Equal(2, await StudentsAsync(client));
    }

    private static async Task<WeakReference<ClassResponses>> WeakLoadAsync(ClassDataCache cache) =>
        new(await cache.GetResponsesAsync("demo"));

    [Fact]
    public async Task ThePollReadsTheClassAgainOnlyAfterAWrite()
    {
        await garnet.FlushAsync();
        await TestClass.SaveAsync(garnet.Redis, [TestClass.Demo(0), TestClass.Demo(1)]);
        var quickPolls = new Dictionary<string, string> { ["ClassData:ReloadInterval"] = "00:00:00.100" };
        await using var factory = new AnalysisApiFactory(garnet.ConnectionString, SurveySourceKind.Demo, settings: quickPolls);
        using var client = factory.CreateClient();
        var cache = factory.Services.GetRequiredService<ClassDataCache>();
        Assert.Equal(2, await StudentsAsync(client));
        var held = await cache.GetResponsesAsync("demo");

        // An answer slipped into the hash behind the store's back bumps no change counter, and sends no event: a poll
        // that still read the whole class would find it.
        var sneaked = TestClass.Demo(2);
        var db = garnet.Redis.GetDatabase();
        await db.HashSetAsync(RedisKeys.Responses("demo"), sneaked.Response.Id, JsonSerializer.Serialize(sneaked, DashboardJson.Options));
        await db.SortedSetAddAsync(RedisKeys.ResponsesByTime("demo"), sneaked.Response.Id, sneaked.Response.SubmittedAt.ToUnixTimeMilliseconds());
        await Task.Delay(TimeSpan.FromSeconds(1)); // ten polls
        Assert.Same(held, await cache.GetResponsesAsync("demo"));

        // A write through the store, still without an event, is found by the next poll, which reads everything.
        await new SurveyResponseStore(garnet.Redis).AddAsync(TestClass.Demo(3), announce: false);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await StudentsAsync(client) != 4)
        {
            Assert.True(DateTime.UtcNow < deadline, "No poll read the class again after a write.");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task TenThousandAnswersAreFilteredAndSortedFromMemory()
    {
        await garnet.FlushAsync();
        var templates = Enumerable.Range(0, 200).Select(TestClass.Demo).ToArray();
        var answers = Enumerable.Range(0, 10_000).Select(i =>
        {
            var demo = templates[i % templates.Length];
            return demo with { Response = demo.Response with { Id = $"bulk-{i:D5}", SubmittedAt = TestClass.Start.AddSeconds(i), Student = $"Bulk Student {i:D5}" } };
        }).ToList();
        await Task.WhenAll(answers.Chunk(1_000).Select(chunk => TestClass.SaveAsync(garnet.Redis, chunk)));
        await using var factory = new AnalysisApiFactory(garnet.ConnectionString, SurveySourceKind.Demo, settings: NoPolling);
        using var client = factory.CreateClient();
        var first = await ApiJson.OkAsync<DataPage>(await client.GetAsync("/api/data?limit=1"));
        Assert.Equal(10_000, first.Unfiltered);

        // Gone from the store without an event: whatever the api answers now comes from memory.
        await garnet.FlushAsync();
        var watch = Stopwatch.StartNew();
        var page = await ApiJson.OkAsync<DataPage>(await client.GetAsync("/api/data?q=student%2001&sort=song&desc=true&offset=100&limit=500"));
        var elapsed = watch.Elapsed;
        var overview = await ApiJson.OkAsync<ClassOverview>(await client.GetAsync("/api/overview"));

        Assert.Equal(10_000, page.Unfiltered);
        Assert.Equal(1_000, page.Total); // Bulk Student 01000–01999
        Assert.Equal(500, page.Items.Count);
        Assert.Equal(10_000, overview.Students);
        Assert.True(elapsed < TimeSpan.FromSeconds(2), $"A filtered, sorted page of 10,000 answers took {elapsed.TotalMilliseconds:F0} ms.");
    }

    private static async Task<long> StudentsAsync(HttpClient client) =>
        (await ApiJson.OkAsync<ClassOverview>(await client.GetAsync("/api/overview"))).Students;
}
