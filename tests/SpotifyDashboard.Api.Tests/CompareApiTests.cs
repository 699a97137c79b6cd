namespace SpotifyDashboard.Api.Tests;

/// <summary>Garnet holding one demo analysis and the api in demo mode over it, with room for many compares a minute.</summary>
public sealed class DemoCompareFixture : DemoAnalysisFixture
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(AnalysisApiFactory.ManyUsersReads)
    {
        ["RateLimits:SongLookupsPerMinute"] = "10000",
    };
}

/// <summary>POST /api/compare in demo mode: the demo catalogue gives the tracks' features.</summary>
public class CompareApiTests(DemoCompareFixture api) : IClassFixture<DemoCompareFixture>
{
    private static readonly DemoClassGenerator Class = new(TestSnapshots.DemoSeed);

    private static async Task<JsonElement> OkJsonAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private static List<string?> Ids(JsonElement answer, string property) =>
        [.. answer.GetProperty(property).EnumerateArray().Select(t => t.GetProperty("id").GetString())];

    /// <summary>
    /// A listener whose one track is a student's song has that student's taste exactly. Twins are picked among other
    /// songs, so the listener's twins are the student's own, in the same order; the track itself finds its classmate
    /// (similarity 1) as the closest answer.
    /// </summary>
    [Theory]
    [InlineData(3, 5)]
    [InlineData(17, 10)]
    public async Task TheTwinsOfAStudentsSongAreThatStudentsOwnTwins(int student, int k)
    {
        var member = Class.Generate(student);
        var memberId = $"demo-{student:D6}";

        var compare = await OkJsonAsync(await api.Client.PostAsJsonAsync("/api/compare", new { trackIds = new[] { member.Song.Id }, k }));
        var engine = await OkJsonAsync(await api.Client.GetAsync($"/api/twins/{memberId}?k={k}"));

        var twins = Ids(compare, "twins");
        Assert.Equal(k, twins.Count);
        Assert.DoesNotContain(memberId, twins);
        Assert.Equal(Ids(engine, "twins"), twins);
        var track = compare.GetProperty("tracks")[0];
        Assert.Equal(1.0, track.GetProperty("closestSimilarity").GetDouble(), 5);
    }

    [Fact]
    public async Task TheDemoListenerIsPlacedInTheClass()
    {
        var answer = await OkJsonAsync(await api.Client.PostAsJsonAsync("/api/compare", new { demoListener = true }));

        var snapshot = TestSnapshots.DemoClass;
        var tracks = answer.GetProperty("tracks").EnumerateArray().ToList();
        Assert.Equal(20, tracks.Count);
        Assert.All(tracks, t =>
        {
            Assert.StartsWith("demo:", t.GetProperty("id").GetString());
            Assert.False(string.IsNullOrEmpty(t.GetProperty("name").GetString()));
            Assert.InRange(t.GetProperty("closestSimilarity").GetDouble(), -1, 1);
        });
        Assert.Empty(answer.GetProperty("missingTrackIds").EnumerateArray());
        var cluster = answer.GetProperty("cluster");
        Assert.Contains(snapshot.Clustering.Clusters, c => c.Id == cluster.GetProperty("id").GetInt32() && c.Name == cluster.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Number, answer.GetProperty("point").GetProperty("z").ValueKind);
        Assert.InRange(answer.GetProperty("dnaScore").GetDouble(), 0, 100);
        Assert.Equal(5, answer.GetProperty("twins").GetArrayLength());
        var prediction = answer.GetProperty("prediction");
        Assert.Equal("predicted", prediction.GetProperty("state").GetString());
        Assert.Contains(prediction.GetProperty("major").GetString(), snapshot.Model.Classes);
        Assert.Equal(snapshot.Model.CvAccuracy, prediction.GetProperty("cvAccuracy").GetDouble());
        Assert.Equal(snapshot.Model.BaselineAccuracy, prediction.GetProperty("baselineAccuracy").GetDouble());
    }

    [Fact]
    public async Task TheDemoListenerIsTheSameEveryTime()
    {
        var first = await OkJsonAsync(await api.Client.PostAsJsonAsync("/api/compare", new { demoListener = true }));
        var second = await OkJsonAsync(await api.Client.PostAsJsonAsync("/api/compare", new { demoListener = true }));

        Assert.Equal(Ids(first, "tracks"), Ids(second, "tracks"));
        Assert.Equal(first.GetProperty("point").GetRawText(), second.GetProperty("point").GetRawText());
    }

    /// <summary>A student's song stands exactly where the engine put that student: same cluster, same point (students of several clusters).</summary>
    [Fact]
    public async Task AStudentsSongLandsOnThatStudentsPoint()
    {
        var students = Enumerable.Range(0, 12).ToList();
        var points = students.Select(i => TestSnapshots.DemoClass.Points.Single(p => p.Id == $"demo-{i:D6}")).ToList();
        Assert.True(points.Select(p => p.Cluster).Distinct().Count() > 1, "the sample should span clusters");

        foreach (var (student, point) in students.Zip(points))
        {
            var answer = await OkJsonAsync(await api.Client.PostAsJsonAsync("/api/compare", new { trackIds = new[] { Class.Generate(student).Song.Id } }));

            Assert.Equal(point.Cluster, answer.GetProperty("cluster").GetProperty("id").GetInt32());
            Assert.Equal(point.X, answer.GetProperty("point").GetProperty("x").GetDouble(), 6);
            Assert.Equal(point.Y, answer.GetProperty("point").GetProperty("y").GetDouble(), 6);
            Assert.Equal(point.Z, answer.GetProperty("point").GetProperty("z").GetDouble(), 6);
            // A listener is placed among all n answers (the student's own counting as a tie), the student among the other n − 1: about 100 / n apart at most.
            Assert.InRange(answer.GetProperty("dnaScore").GetDouble(), point.DnaScore - 100.0 / TestSnapshots.Students, point.DnaScore + 100.0 / TestSnapshots.Students);
        }
    }

    [Fact]
    public async Task TheTasteIsTheMeanOfTheTracks()
    {
        var songs = new DemoCatalog(TestSnapshots.DemoSeed).Songs.Take(3).ToList();

        var answer = await OkJsonAsync(await api.Client.PostAsJsonAsync("/api/compare", new { trackIds = songs.Select(s => s.Id) }));

        var taste = answer.GetProperty("taste");
        Assert.Equal(songs.Average(s => s.Features.Energy!.Value), taste.GetProperty("energy").GetDouble(), 9);
        Assert.Equal(songs.Average(s => s.Features.Tempo!.Value), taste.GetProperty("tempo").GetDouble(), 9);
    }

    [Fact]
    public async Task UnknownIdsAreListedAsMissing()
    {
        var song = new DemoCatalog(TestSnapshots.DemoSeed).Songs[7];

        var answer = await OkJsonAsync(await api.Client.PostAsJsonAsync("/api/compare", new { trackIds = new[] { song.Id, "demo:nothing-99", "4uLU6hMCjMI75M1A2tKUQC" } }));

        Assert.Equal([song.Id], Ids(answer, "tracks"));
        Assert.Equal(["demo:nothing-99", "4uLU6hMCjMI75M1A2tKUQC"], answer.GetProperty("missingTrackIds").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task OnlyUnknownIdsAreUnprocessable()
    {
        var response = await api.Client.PostAsJsonAsync("/api/compare", new { trackIds = new[] { "demo:nothing-99", "spotify:track:4uLU6hMCjMI75M1A2tKUQC" } });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity, "No track features");
        Assert.Contains("4uLU6hMCjMI75M1A2tKUQC", problem.GetProperty("detail").GetString());
    }

    public static TheoryData<string, string> InvalidRequests => new()
    {
        { """{}""", "trackIds" },
        { """{"trackIds":[]}""", "trackIds" },
        { $$"""{"trackIds":[{{string.Join(",", Enumerable.Range(0, 51).Select(i => $"\"demo:pop-{i:D2}\""))}}]}""", "trackIds" },
        { """{"trackIds":["not a track"]}""", "trackIds" },
        { """{"trackIds":["https://open.spotify.com/album/4uLU6hMCjMI75M1A2tKUQC"]}""", "trackIds" },
        { """{"trackIds":["demo:pop-01"],"demoListener":true}""", "trackIds" },
        { """{"trackIds":["demo:pop-01"],"k":0}""", "k" },
        { """{"trackIds":["demo:pop-01"],"k":51}""", "k" },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task AnInvalidRequestIsABadRequestNamingTheField(string body, string field)
    {
        var response = await api.Client.PostAsync("/api/compare", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
    }

    [Fact]
    public async Task SpotifyLinksAndUrisAreReadAsIds()
    {
        var song = new DemoCatalog(TestSnapshots.DemoSeed).Songs[1];

        var answer = await OkJsonAsync(await api.Client.PostAsJsonAsync("/api/compare", new
        {
            trackIds = new[] { song.Id, "https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC?si=abc", "spotify:track:4uLU6hMCjMI75M1A2tKUQC" },
        }));

        Assert.Equal(["4uLU6hMCjMI75M1A2tKUQC"], answer.GetProperty("missingTrackIds").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task ComparingWritesNothingToTheClassData()
    {
        var before = await StoreContentsAsync(api.Redis);

        await OkJsonAsync(await api.Client.PostAsJsonAsync("/api/compare", new { demoListener = true, k = 10 }));
        await OkJsonAsync(await api.Client.PostAsJsonAsync("/api/compare", new { trackIds = new[] { Class.Generate(2).Song.Id } }));

        Assert.Equal(before, await StoreContentsAsync(api.Redis));
    }

    /// <summary>Every key with its type and its value (strings) or length (the rest).</summary>
    private static async Task<SortedDictionary<string, string>> StoreContentsAsync(IConnectionMultiplexer redis)
    {
        var db = redis.GetDatabase();
        var contents = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var endpoint in redis.GetEndPoints())
        {
            await foreach (var key in redis.GetServer(endpoint).KeysAsync(pattern: "*"))
            {
                var type = await db.KeyTypeAsync(key);
                contents[key.ToString()] = type switch
                {
                    RedisType.String => $"string {(string?)await db.StringGetAsync(key)}",
                    RedisType.Hash => $"hash {await db.HashLengthAsync(key)}",
                    RedisType.List => $"list {await db.ListLengthAsync(key)}",
                    RedisType.Set => $"set {await db.SetLengthAsync(key)}",
                    RedisType.SortedSet => $"zset {await db.SortedSetLengthAsync(key)}",
                    RedisType.Stream => $"stream {(await db.StreamInfoAsync(key)).Length}",
                    _ => type.ToString(),
                };
            }
        }

        Assert.NotEmpty(contents);
        return contents;
    }
}
