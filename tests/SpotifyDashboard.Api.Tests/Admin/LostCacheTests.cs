using System.Net.Http.Headers;
using SpotifyDashboard.Api.Sources;
using SpotifyDashboard.Enrichment.Curation;
using SpotifyDashboard.Enrichment.Songs;

namespace SpotifyDashboard.Api.Tests.Admin;

/// <summary>
/// The teacher's upload and choice of source are kept as files in the api's data folder (a volume when deployed) and
/// only copied into the cache, so a lost cache does not silently turn a class back into the demo.
/// </summary>
public sealed class LostCacheTests(GarnetServerFixture garnet) : IClassFixture<GarnetServerFixture>, IDisposable
{
    private readonly DirectoryInfo _dataFolder = Directory.CreateTempSubdirectory("sd-lost-cache-");

    public void Dispose() => _dataFolder.Delete(recursive: true);

    [Fact]
    public async Task ALostCacheKeepsTheUploadedClass()
    {
        await garnet.FlushAsync();
        await using (var before = Api())
        {
            using var teacher = before.Teacher();
            var uploaded = await teacher.PostAsync("/api/admin/upload?preview=false", Multipart(UploadCsv.Good));
            Assert.Equal(HttpStatusCode.Accepted, uploaded.StatusCode);
        }

        // The cache is lost (a new server, a flush, an old backup); the api starts again on the same data folder.
        await garnet.FlushAsync();
        await using var after = Api();
        using var client = after.Teacher();

        var sources = await AdminApi.ReadAsync<AdminSourcesView>(await client.GetAsync("/api/admin/sources"), HttpStatusCode.OK);
        Assert.Equal("csv", sources.ActiveSource);
        Assert.True(sources.Overridden);
        var db = garnet.Redis.GetDatabase();
        Assert.Equal(UploadCsv.Good, (await db.StringGetAsync(RedisKeys.UploadedCsv)).ToString());
        Assert.Equal(nameof(SurveySourceKind.Csv), (await db.StringGetAsync(RedisKeys.ActiveSourceOverride)).ToString());

        // The worker reads the restored upload into the csv source, and the class is back: three answers, not the demo.
        await CsvIngestion.IngestAsync(garnet.Redis, (await db.StringGetAsync(RedisKeys.UploadedCsv)).ToString(), storeNames: false);
        var status = await ReadStatusAsync(client);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (status.Responses < 3 && DateTime.UtcNow < deadline)
        {
            // The status follows the store within its refresh interval, and may catch the ingest between two writes.
            await Task.Delay(100);
            status = await ReadStatusAsync(client);
        }

        Assert.Equal(("csv", StatusReport.LiveMode, 3L), (status.ActiveSource, status.Mode, status.Responses));
    }

    [Fact]
    public async Task ACacheLostWhileTheApiRunsGetsTheChoiceAndTheUploadBackWithinAPoll()
    {
        await garnet.FlushAsync();
        await using var api = Api(new() { ["ActiveSource:PollInterval"] = "00:00:00.200" });
        using var teacher = api.Teacher();
        Assert.Equal(HttpStatusCode.Accepted, (await teacher.PostAsync("/api/admin/upload?preview=false", Multipart(UploadCsv.Good))).StatusCode);

        await garnet.FlushAsync();

        var db = garnet.Redis.GetDatabase();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await db.KeyExistsAsync(RedisKeys.ActiveSourceOverride) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(nameof(SurveySourceKind.Csv), (await db.StringGetAsync(RedisKeys.ActiveSourceOverride)).ToString());
        Assert.Equal(UploadCsv.Good, (await db.StringGetAsync(RedisKeys.UploadedCsv)).ToString());
    }

    [Fact]
    public async Task GoingBackToTheConfiguredSourceForgetsTheChoiceButKeepsTheUpload()
    {
        await garnet.FlushAsync();
        await using (var before = Api())
        {
            using var teacher = before.Teacher();
            Assert.Equal(HttpStatusCode.Accepted, (await teacher.PostAsync("/api/admin/upload?preview=false", Multipart(UploadCsv.Good))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await teacher.PostAsync("/api/admin/sources/active", AdminApi.Json("""{ "source": null }"""))).StatusCode);
        }

        await garnet.FlushAsync();
        await using var after = Api();
        using var client = after.Teacher();

        var sources = await AdminApi.ReadAsync<AdminSourcesView>(await client.GetAsync("/api/admin/sources"), HttpStatusCode.OK);
        Assert.Equal("demo", sources.ActiveSource);
        Assert.False(sources.Overridden);
        Assert.False(await garnet.Redis.GetDatabase().KeyExistsAsync(RedisKeys.ActiveSourceOverride));
        // Ready for when the teacher switches back to csv.
        Assert.Equal(UploadCsv.Good, (await garnet.Redis.GetDatabase().StringGetAsync(RedisKeys.UploadedCsv)).ToString());
    }

    [Fact]
    public async Task ALostCacheKeepsTheTeachersSongMappings()
    {
        await garnet.FlushAsync();
        const string Track = "4uLU6hMCjMI75M1A2tKUQC";
        await using (var before = Api())
        {
            using var teacher = before.Teacher();
            var mapped = await teacher.PostAsync("/api/overrides", AdminApi.Json($$"""{ "song": "Volare", "artist": "Gipsy Kings", "track": "https://open.spotify.com/track/{{Track}}" }"""));
            Assert.Equal(HttpStatusCode.Accepted, mapped.StatusCode);
            var second = await teacher.PostAsync("/api/overrides", AdminApi.Json("""{ "song": "Bamboleo", "artist": "Gipsy Kings", "track": "spotify:track:1vxw6aYJls2oq3gW0DujAo" }"""));
            Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        }

        await garnet.FlushAsync();
        await using var after = Api();
        using var client = after.Teacher();
        // Any read of the active source runs the restore.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/admin/sources")).StatusCode);

        var restored = await new SongOverrideStore(garnet.Redis).GetAllAsync();
        Assert.Equal(2, restored.Count);
        Assert.Equal(Track, restored[SongKey.For("Volare", "Gipsy Kings")].TrackId);
        Assert.Equal("1vxw6aYJls2oq3gW0DujAo", restored[SongKey.For("Bamboleo", "Gipsy Kings")].TrackId);
    }

    [Fact]
    public async Task AMappingThatCannotBeSavedInTheDataFolderIsRefusedAndTheCacheIsUntouched()
    {
        await garnet.FlushAsync();
        var notAFolder = Path.Combine(_dataFolder.FullName, "not-a-folder");
        await File.WriteAllTextAsync(notAFolder, "");
        await using var api = Api(new() { ["ActiveSource:DataPath"] = notAFolder });
        using var teacher = api.Teacher();

        var response = await teacher.PostAsync("/api/overrides", AdminApi.Json("""{ "song": "Volare", "artist": "Gipsy Kings", "track": "4uLU6hMCjMI75M1A2tKUQC" }"""));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable, "Mapping not saved");
        Assert.Empty(await new SongOverrideStore(garnet.Redis).GetAllAsync());
    }

    [Fact]
    public async Task TheCacheKeepsANewerChoiceThanTheFile()
    {
        await garnet.FlushAsync();
        await File.WriteAllTextAsync(Path.Combine(_dataFolder.FullName, SourceChoiceFiles.ChoiceFileName), nameof(SurveySourceKind.Csv));
        await new ActiveSourceStore(garnet.Redis).SetOverrideAsync(SurveySourceKind.GoogleSheet);
        await using var api = Api();
        using var client = api.Teacher();

        var sources = await AdminApi.ReadAsync<AdminSourcesView>(await client.GetAsync("/api/admin/sources"), HttpStatusCode.OK);

        Assert.Equal("sheet", sources.ActiveSource);
    }

    [Fact]
    public async Task AnUploadThatCannotBeSavedInTheDataFolderIsRefusedAndTheCacheIsUntouched()
    {
        await garnet.FlushAsync();
        // A file where the folder should be: nothing can be written under it.
        var notAFolder = Path.Combine(_dataFolder.FullName, "not-a-folder");
        await File.WriteAllTextAsync(notAFolder, "");
        await using var api = Api(new() { ["ActiveSource:DataPath"] = notAFolder });
        using var teacher = api.Teacher();

        var response = await teacher.PostAsync("/api/admin/upload?preview=false", Multipart(UploadCsv.Good));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable, "Upload not saved");
        var db = garnet.Redis.GetDatabase();
        Assert.False(await db.KeyExistsAsync(RedisKeys.UploadedCsv));
        Assert.False(await db.KeyExistsAsync(RedisKeys.ActiveSourceOverride));
    }

    [Fact]
    public async Task EachWriteReplacesTheWholeFileAndLeavesNoTemporaryFileBehind()
    {
        await garnet.FlushAsync();
        await using var api = Api();
        using var teacher = api.Teacher();
        var second = UploadCsv.Good.Replace("Volare", "Bamboleo", StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Accepted, (await teacher.PostAsync("/api/admin/upload?preview=false", Multipart(UploadCsv.Good))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await teacher.PostAsync("/api/admin/upload?preview=false", Multipart(second))).StatusCode);

        Assert.Equal(second, await File.ReadAllTextAsync(Path.Combine(_dataFolder.FullName, SourceChoiceFiles.UploadFileName)));
        Assert.Equal(nameof(SurveySourceKind.Csv), await File.ReadAllTextAsync(Path.Combine(_dataFolder.FullName, SourceChoiceFiles.ChoiceFileName)));
        Assert.Equal([SourceChoiceFiles.ChoiceFileName, SourceChoiceFiles.UploadFileName], _dataFolder.GetFiles().Select(f => f.Name).Order());
    }

    private AnalysisApiFactory Api(Dictionary<string, string>? settings = null)
    {
        var all = new Dictionary<string, string> { ["ActiveSource:DataPath"] = _dataFolder.FullName };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        return AdminApi.Factory(garnet, settings: all);
    }

    private static MultipartFormDataContent Multipart(string csv)
    {
        var part = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return new MultipartFormDataContent { { part, "file", "Form responses.csv" } };
    }

    private static async Task<StatusReport> ReadStatusAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<StatusReport>("/api/status", DashboardJson.Options))!;
}
