using System.Net.Http.Headers;
using SpotifyDashboard.Api.Analysis;
using SpotifyDashboard.Api.Data;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace SpotifyDashboard.Api.Tests;

/// <summary>
/// The reads served from bytes serialized once per data version: their ETags and 304s, that a new version gets a new
/// tag, and that the bytes equal the same answer serialized on the request. Each test starts from an empty store.
/// </summary>
public class InMemoryReadTests(GarnetServerFixture garnet) : IClassFixture<GarnetServerFixture>
{
    public const string AnalysedId = "demo-000001";

    public static readonly TheoryData<string> InMemoryPaths =
    [
        "/api/clusters", "/api/model", "/api/overview", "/api/status", "/api/responses?limit=50", "/api/responses?offset=7&limit=3", $"/api/twins/{AnalysedId}?k=4",
    ];

    /// <summary>Reloads far away: only events can make the api notice a change in time.</summary>
    private static readonly Dictionary<string, string> NoPolling = new(AnalysisApiFactory.ManyUsersReads)
    {
        ["ClassData:ReloadInterval"] = "00:30:00",
        ["Analysis:SnapshotPollInterval"] = "00:30:00",
    };

    [Theory]
    [MemberData(nameof(InMemoryPaths))]
    public async Task EachAnswerHasAStrongETagThatStaysForItsVersionAndMustBeRevalidated(string path)
    {
        await using var factory = await StartAsync();
        using var client = factory.CreateClient();

        var first = await client.GetAsync(path);
        var second = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotNull(first.Headers.ETag);
        Assert.False(first.Headers.ETag.IsWeak);
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.True(first.Headers.CacheControl?.NoCache);
        Assert.Equal("application/json", first.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", first.Content.Headers.ContentType?.CharSet);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(InMemoryPaths))]
    public async Task IfNoneMatchWithTheCurrentTagGetsA304WithoutABody(string path)
    {
        await using var factory = await StartAsync();
        using var client = factory.CreateClient();
        var tag = (await client.GetAsync(path)).Headers.ETag!.Tag;

        var same = await GetAsync(client, path, tag);
        var weakCopy = await GetAsync(client, path, $"W/{tag}");
        var listed = await GetAsync(client, path, $"\"some-other\", {tag}");
        var any = await GetAsync(client, path, "*");
        var other = await GetAsync(client, path, "\"some-other\"");

        foreach (var notModified in new[] { same, weakCopy, listed, any })
        {
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
            Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
            Assert.Equal(tag, notModified.Headers.ETag?.Tag);
            Assert.True(notModified.Headers.CacheControl?.NoCache);
        }

        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.NotEmpty(await other.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task ALargeAnswerIsSentGzippedToAClientThatAcceptsItWithItsOwnTag()
    {
        await using var factory = await StartAsync();
        using var client = factory.CreateClient();
        var plain = await client.GetAsync("/api/clusters");
        var plainBytes = await plain.Content.ReadAsByteArrayAsync();
        Assert.True(plainBytes.Length >= SpotifyDashboard.Api.Answers.JsonAnswer.CompressFrom, $"The clusters of the demo class are {plainBytes.Length} bytes.");

        using var asking = new HttpRequestMessage(HttpMethod.Get, "/api/clusters");
        asking.Headers.AcceptEncoding.ParseAdd("gzip, deflate, br");
        var gzipped = await client.SendAsync(asking);
        var gzippedBytes = await gzipped.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, gzipped.StatusCode);
        Assert.Equal(["gzip"], gzipped.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", gzipped.Headers.Vary);
        Assert.Contains("Accept-Encoding", plain.Headers.Vary);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.True(gzippedBytes.Length < plainBytes.Length / 2, $"{gzippedBytes.Length} gzipped bytes of {plainBytes.Length}.");
        using (var unzip = new System.IO.Compression.GZipStream(new MemoryStream(gzippedBytes), System.IO.Compression.CompressionMode.Decompress))
        using (var unzipped = new MemoryStream())
        {
            await unzip.CopyToAsync(unzipped);
            Assert.Equal(plainBytes, unzipped.ToArray());
        }

        Assert.NotEqual(plain.Headers.ETag, gzipped.Headers.ETag);
        Assert.False(gzipped.Headers.ETag!.IsWeak);
        using var again = new HttpRequestMessage(HttpMethod.Get, "/api/clusters");
        again.Headers.AcceptEncoding.ParseAdd("gzip");
        again.Headers.IfNoneMatch.Add(gzipped.Headers.ETag);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again)).StatusCode);
    }

    [Fact]
    public async Task ASmallAnswerIsSentAsItIs()
    {
        await using var factory = await StartAsync();
        using var client = factory.CreateClient();
        using var asking = new HttpRequestMessage(HttpMethod.Get, "/api/status");
        asking.Headers.AcceptEncoding.ParseAdd("gzip");

        var status = await client.SendAsync(asking);

        Assert.Empty(status.Content.Headers.ContentEncoding);
        Assert.Empty(status.Headers.Vary);
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(await status.Content.ReadAsStringAsync()).RootElement.ValueKind);
    }

    [Fact]
    public async Task ANewSnapshotGetsNewTagsAndTheOldTagGetsTheNewBody()
    {
        await using var factory = await StartAsync(NoPolling);
        using var client = factory.CreateClient();
        var clustersTag = (await client.GetAsync("/api/clusters")).Headers.ETag!.Tag;
        var modelTag = (await client.GetAsync("/api/model")).Headers.ETag!.Tag;

        var second = await TestSnapshots.SaveAsync(garnet.Redis, "demo", fingerprint: "changed-data");
        await new SurveyResponseStore(garnet.Redis).PublishAsync(new StoreEvent(StoreEvent.SnapshotUpdated, "demo", "2", second.PublishedAt));
        var clusters = await UntilAsync(() => GetAsync(client, "/api/clusters", clustersTag), r => r.StatusCode == HttpStatusCode.OK);
        var model = await GetAsync(client, "/api/model", modelTag);

        Assert.Equal(2, JsonDocument.Parse(await clusters.Content.ReadAsStringAsync()).RootElement.GetProperty("version").GetInt64());
        Assert.NotEqual(clustersTag, clusters.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, model.StatusCode);
        Assert.NotEqual(modelTag, model.Headers.ETag!.Tag);
        Assert.Equal(2, JsonDocument.Parse(await model.Content.ReadAsStringAsync()).RootElement.GetProperty("version").GetInt64());
        Assert.Equal(HttpStatusCode.NotModified, (await GetAsync(client, "/api/clusters", clusters.Headers.ETag.Tag)).StatusCode);
    }

    [Fact]
    public async Task TheBytesAreWhatTheEndpointsSerializedPerRequestBefore()
    {
        await using var factory = await StartAsync();
        using var client = factory.CreateClient();
        var options = factory.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var view = await factory.Services.GetRequiredService<ClassDataCache>().GetAsync();
        var analysis = view.Analysis!;
        var store = new SurveyResponseStore(garnet.Redis);

        // Each answer type serialized directly, built the same way from the same data.
        var expected = new Dictionary<string, string>
        {
            ["/api/clusters"] = JsonSerializer.Serialize(AnalysisAnswers.Clusters(analysis, view), options),
            ["/api/model"] = JsonSerializer.Serialize(AnalysisAnswers.Model(analysis), options),
            ["/api/overview"] = JsonSerializer.Serialize(view.Overview, options),
            [$"/api/twins/{AnalysedId}?k=4"] = JsonSerializer.Serialize(
                AnalysisAnswers.TwinsOfResponse(AnalysedId, 4, analysis, view, analysis.FindPoint(AnalysedId)!, analysis.Twins!.FindForResponse(AnalysedId, 4)!), options),
            ["/api/responses?limit=50"] = JsonSerializer.Serialize(await StorePageAsync(store, 0, 50), options),
            ["/api/responses?offset=7&limit=3"] = JsonSerializer.Serialize(await StorePageAsync(store, 7, 3), options),
            ["/api/responses?offset=60&limit=500"] = JsonSerializer.Serialize(await StorePageAsync(store, 60, 500), options),
            ["/api/responses?offset=1000"] = JsonSerializer.Serialize(await StorePageAsync(store, 1000, 50), options),
        };

        foreach (var (path, body) in expected)
        {
            Assert.Equal(body, await client.GetStringAsync(path));
        }
    }

    [Fact]
    public async Task APageOfResponsesIsFreshAfterTheReloadThatFollowsANewAnswerAndIsServedFromMemory()
    {
        await using var factory = await StartAsync(NoPolling);
        using var client = factory.CreateClient();
        var before = await client.GetAsync("/api/responses?limit=5");
        var total = Page(await before.Content.ReadAsStringAsync()).Total;
        var newest = TestClass.Demo(TestSnapshots.Students);
        newest = newest with { Response = newest.Response with { SubmittedAt = TestClass.Start.AddDays(30) } };

        await new SurveyResponseStore(garnet.Redis).AddAsync(newest);
        var after = await UntilAsync(() => client.GetAsync("/api/responses?limit=5"), async r => Page(await r.Content.ReadAsStringAsync()).Total == total + 1);

        var page = Page(await after.Content.ReadAsStringAsync());
        Assert.Equal(newest.Response.Id, page.Items[0].Id);
        Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);

        // Gone from the store without an event: the same page still comes, from the api's copy.
        await garnet.FlushAsync();
        Assert.Equal(await after.Content.ReadAsStringAsync(), await client.GetStringAsync("/api/responses?limit=5"));
    }

    private async Task<AnalysisApiFactory> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        await garnet.FlushAsync();
        await TestSnapshots.SaveAsync(garnet.Redis, "demo");
        await TestClass.SaveAsync(garnet.Redis, TestClass.All());
        return new AnalysisApiFactory(garnet.ConnectionString, SurveySourceKind.Demo, settings: settings ?? AnalysisApiFactory.ManyUsersReads);
    }

    /// <summary>The page as the old handler read it: the store's count and its newest-first page.</summary>
    private static async Task<ResponsePage> StorePageAsync(SurveyResponseStore store, int offset, int limit) =>
        new(await store.CountAsync("demo"), [.. (await store.GetPageAsync("demo", offset, limit)).Select(ResponseItem.From)]);

    private static ResponsePage Page(string json) => JsonSerializer.Deserialize<ResponsePage>(json, DashboardJson.Options)!;

    private static Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string ifNoneMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        return client.SendAsync(request);
    }

    private static Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done) => UntilAsync(read, value => Task.FromResult(done(value)));

    /// <summary>Reads until <paramref name="done"/>, at most 10 s: the api follows store events within a second or so.</summary>
    private static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, Task<bool>> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var value = await read();
            if (await done(value))
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, "The api did not follow the change within 10 s.");
            await Task.Delay(50);
        }
    }
}
