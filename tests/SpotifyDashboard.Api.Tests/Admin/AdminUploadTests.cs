using System.Net.Http.Headers;

namespace SpotifyDashboard.Api.Tests.Admin;

/// <summary>POST /api/admin/upload: preview first, then the upload becomes the csv source; a bad file changes nothing.</summary>
public class AdminUploadTests(GarnetServerFixture garnet) : IClassFixture<GarnetServerFixture>
{
    [Fact]
    public async Task APreviewOfAFormsCsvShowsTheMappingAndFirstRowsWithoutUnmappedOrIdentifyingColumns()
    {
        await garnet.FlushAsync();
        await using var factory = AdminApi.Factory(garnet);
        using var client = factory.Teacher();

        var response = await client.PostAsync("/api/admin/upload?preview=true", Multipart(UploadCsv.Good, "Form responses.csv"));

        var body = await response.Content.ReadAsStringAsync();
        var preview = await AdminApi.ReadAsync<UploadPreview>(response, HttpStatusCode.OK);
        Assert.True(preview.CanUse);
        Assert.Empty(preview.Problems);
        Assert.Equal("Form responses.csv", preview.FileName);
        Assert.Equal(4, preview.Rows);
        Assert.Equal(1, preview.Quarantined);
        var mapped = preview.Columns!.Matches.ToDictionary(m => m.Field, m => m.Header);
        Assert.Equal("What's your favourite song?", mapped["Song"]);
        Assert.Equal("Who is the artist?", mapped["Artist"]);
        Assert.Equal("Timestamp", mapped["Timestamp"]);
        Assert.Equal("Your name", mapped["Name"]);
        Assert.Equal(["Student ID", "Last name", "Email address"], preview.UnmappedHeaders);
        Assert.Equal(4, preview.FirstRows.Count);
        Assert.Equal("Volare", preview.FirstRows[0]["Song"]);
        Assert.Equal("Gipsy Kings", preview.FirstRows[0]["Artist"]);
        Assert.All(preview.FirstRows, row => Assert.DoesNotContain("Name", row.Keys));
        foreach (var value in UploadCsv.NamesAndUnmapped)
        {
            Assert.DoesNotContain(value, body);
            Assert.DoesNotContain(JsonEncodedText.Encode(value).ToString(), body);
        }

        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task APreviewOfManyRowsShowsTheFirstTen()
    {
        await garnet.FlushAsync();
        await using var factory = AdminApi.Factory(garnet);
        using var client = factory.Teacher();
        var csv = new StringBuilder("Timestamp,Song,Artist\n");
        for (var i = 0; i < 25; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"2026-01-01T10:{i:00}:00Z,Song {i},Artist {i}\n");
        }

        var preview = await AdminApi.ReadAsync<UploadPreview>(await client.PostAsync("/api/admin/upload", RawCsv(csv.ToString())), HttpStatusCode.OK);

        Assert.Equal(25, preview.Rows);
        Assert.Equal(10, preview.FirstRows.Count);
        Assert.Equal("Song 9", preview.FirstRows[9]["Song"]);
        await AssertNothingChangedAsync();
    }

    public static TheoryData<string, byte[], string> BadFiles => new()
    {
        { "empty", [], "empty" },
        { "no song, artist or timestamp column", "Name,Email\nAna,ana@example.edu\n"u8.ToArray(), "Song" },
        { "not UTF-8", Encoding.Latin1.GetBytes("Timestamp,Song,Artist\n2026-01-01T10:00:00Z,Canción,Señor\n"), "UTF-8" },
        { "not a CSV (a spreadsheet)", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00], "not a CSV" },
        { "only a header", "Timestamp,Song,Artist\n"u8.ToArray(), "no answers" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task ABadFileCannotBeUsedAndChangesNothing(string why, byte[] file, string problemMentions)
    {
        await garnet.FlushAsync();
        await using var factory = AdminApi.Factory(garnet);
        using var client = factory.Teacher();

        var preview = await AdminApi.ReadAsync<UploadPreview>(
            await client.PostAsync("/api/admin/upload?preview=true", Multipart(file, "bad.csv")), HttpStatusCode.OK);
        var upload = await AdminApi.ReadAsync<UploadPreview>(
            await client.PostAsync("/api/admin/upload?preview=false", Multipart(file, "bad.csv")), (HttpStatusCode)422);

        Assert.False(preview.CanUse, why);
        Assert.False(upload.CanUse, why);
        Assert.Contains(upload.Problems, p => p.Contains(problemMentions, StringComparison.OrdinalIgnoreCase));
        await AssertNothingChangedAsync();
        var status = await client.GetFromJsonAsync<StatusReport>("/api/status", DashboardJson.Options);
        Assert.Equal("demo", status!.ActiveSource);
    }

    [Fact]
    public async Task AnOversizedFileGets413ProblemDetailsAndChangesNothing()
    {
        await garnet.FlushAsync();
        await using var factory = AdminApi.Factory(garnet);
        using var client = factory.Teacher();
        var big = UploadCsv.Good + new string('x', 10 * 1024 * 1024);

        var raw = await client.PostAsync("/api/admin/upload?preview=false", RawCsv(big));
        var multipart = await client.PostAsync("/api/admin/upload?preview=true", Multipart(big, "big.csv"));

        foreach (var response in new[] { raw, multipart })
        {
            var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "File too large");
            Assert.Contains("10 MB", problem.GetProperty("detail").GetString());
        }

        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task AFileWithoutALengthIsStillCutOffPastTheLimit()
    {
        await garnet.FlushAsync();
        await using var factory = AdminApi.Factory(garnet);
        using var client = factory.Teacher();
        var content = new StreamContent(new UnknownLengthStream(Encoding.UTF8.GetBytes(UploadCsv.Good + new string('x', 10 * 1024 * 1024))));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");

        var response = await client.PostAsync("/api/admin/upload?preview=false", content);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "File too large");
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task ABodyThatIsNeitherAFormNorCsvIsRefused()
    {
        await garnet.FlushAsync();
        await using var factory = AdminApi.Factory(garnet);
        using var client = factory.Teacher();

        var response = await client.PostAsync("/api/admin/upload", AdminApi.Json("""{ "csv": "Timestamp,Song,Artist" }"""));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        await AssertNothingChangedAsync();
    }

    [Fact]
    public async Task ARealUploadStoresTheCsvMakesItTheActiveSourceAndQueuesARead()
    {
        await garnet.FlushAsync();
        await using var factory = AdminApi.Factory(garnet);
        using var client = factory.Teacher();

        var response = await client.PostAsync("/api/admin/upload?preview=false", Multipart(UploadCsv.Good, "Form responses.csv"));

        var preview = await AdminApi.ReadAsync<UploadPreview>(response, HttpStatusCode.Accepted);
        Assert.True(preview.CanUse);
        var db = garnet.Redis.GetDatabase();
        Assert.Equal(UploadCsv.Good, (await db.StringGetAsync(RedisKeys.UploadedCsv)).ToString());
        Assert.Equal(nameof(SurveySourceKind.Csv), (await db.StringGetAsync(RedisKeys.ActiveSourceOverride)).ToString());
        var command = Assert.Single(await AdminApi.QueuedCommandsAsync(garnet.Redis));
        Assert.Equal(WorkerCommand.ReadNowType, command.Type);

        var status = await client.GetFromJsonAsync<StatusReport>("/api/status", DashboardJson.Options);
        Assert.Equal("csv", status!.ActiveSource);
        Assert.Equal(StatusReport.LiveMode, status.Mode);
        var sources = await AdminApi.ReadAsync<AdminSourcesView>(await client.GetAsync("/api/admin/sources"), HttpStatusCode.OK);
        Assert.Equal("csv", sources.ActiveSource);
        Assert.Equal("demo", sources.ConfiguredSource);
        Assert.True(sources.Overridden);
    }

    [Fact]
    public async Task ABomIsNotPartOfTheStoredText()
    {
        await garnet.FlushAsync();
        await using var factory = AdminApi.Factory(garnet);
        using var client = factory.Teacher();
        var withBom = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(UploadCsv.Good)).ToArray();

        var response = await client.PostAsync("/api/admin/upload?preview=false", Multipart(withBom, "responses.csv"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(UploadCsv.Good, (await garnet.Redis.GetDatabase().StringGetAsync(RedisKeys.UploadedCsv)).ToString());
    }

    private static MultipartFormDataContent Multipart(string csv, string fileName) => Multipart(Encoding.UTF8.GetBytes(csv), fileName);

    private static MultipartFormDataContent Multipart(byte[] file, string fileName)
    {
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return new MultipartFormDataContent { { part, "file", fileName } };
    }

    private static ByteArrayContent RawCsv(string csv)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv") { CharSet = "utf-8" };
        return content;
    }

    private async Task AssertNothingChangedAsync()
    {
        var db = garnet.Redis.GetDatabase();
        Assert.False(await db.KeyExistsAsync(RedisKeys.ActiveSourceOverride));
        Assert.False(await db.KeyExistsAsync(RedisKeys.UploadedCsv));
        Assert.Equal(0, await db.ListLengthAsync(RedisKeys.WorkerCommands));
    }

    /// <summary>A body sent chunked: the api cannot know its size before reading it.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
