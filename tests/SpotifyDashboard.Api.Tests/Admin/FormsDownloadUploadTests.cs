using System.Globalization;
using System.IO.Compression;
using System.Net.Http.Headers;

namespace SpotifyDashboard.Api.Tests.Admin;

/// <summary>
/// The teacher uploads the Forms download as Google gives it (quoted, <c>GMT</c> timestamps, zipped or not): the preview
/// counts and explains what it would quarantine, and the stored upload reads, as the worker reads it, to exact instants.
/// </summary>
public class FormsDownloadUploadTests(GarnetServerFixture garnet) : IClassFixture<GarnetServerFixture>
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    [Fact]
    public async Task ThePreviewOfTheEnglishDownloadCountsAndFlagsTheRowsItWouldQuarantine()
    {
        await garnet.FlushAsync();
        await using var factory = AdminApi.Factory(garnet);
        using var client = factory.Teacher();

        var preview = await AdminApi.ReadAsync<UploadPreview>(
            await client.PostAsync("/api/admin/upload?preview=true", Multipart(Fixture("forms-download-en.csv"))), HttpStatusCode.OK);

        Assert.True(preview.CanUse);
        Assert.Equal(7, preview.Rows);
        Assert.Equal(2, preview.Quarantined);
        Assert.Equal(2, preview.QuarantineReasons!.Count);
        Assert.StartsWith("Row 6: Song stacks", preview.QuarantineReasons[0]);
        Assert.Equal("Row 8: no song", preview.QuarantineReasons[1]);
        Assert.Equal(["Which streaming apps do you use?"], preview.UnmappedHeaders);
        Assert.Null(preview.Columns!.DateOrder);
    }

    [Theory]
    [InlineData("forms-download-es.zip", "forms-download-es.csv")]
    [InlineData("forms-download-es.csv", "forms-download-es.csv")]
    public async Task TheDownloadZippedOrNotIsStoredAsItsCsvAndReadsToExactInstants(string upload, string csv)
    {
        await garnet.FlushAsync();
        await using var factory = AdminApi.Factory(garnet);
        using var client = factory.Teacher();

        var preview = await AdminApi.ReadAsync<UploadPreview>(
            await client.PostAsync("/api/admin/upload?preview=false", Multipart(Fixture(upload))), HttpStatusCode.Accepted);

        Assert.Equal(4, preview.Rows);
        Assert.Equal(0, preview.Quarantined);
        Assert.Equal(File.ReadAllText(Fixture(csv)), (await garnet.Redis.GetDatabase().StringGetAsync(RedisKeys.UploadedCsv)).ToString());

        var result = await IngestTheUploadAsync();
        Assert.Equal((4, 0), (result.Accepted, result.Quarantined));
        Assert.Equal(
            ["Bésame Mucho=2026-07-18T19:47:02Z", "Cielito Lindo=2026-07-18T06:00:00Z", "Despacito=2026-11-01T08:00:00Z", "La Bamba=2022-02-14T01:26:52Z"],
            await InstantsAsync());
    }

    [Fact]
    public async Task AZipSentAsTheBodyIsTakenToo()
    {
        await garnet.FlushAsync();
        await using var factory = AdminApi.Factory(garnet);
        using var client = factory.Teacher();
        var body = new ByteArrayContent(File.ReadAllBytes(Fixture("forms-download-pt.zip")));
        body.Headers.ContentType = new MediaTypeHeaderValue("application/zip");

        var preview = await AdminApi.ReadAsync<UploadPreview>(await client.PostAsync("/api/admin/upload?preview=false", body), HttpStatusCode.Accepted);

        Assert.Equal(2, preview.Rows);
        await IngestTheUploadAsync();
        Assert.Equal(["Garota de Ipanema=2026-09-04T22:51:43Z", "Águas de Março=2026-09-05T11:00:00Z"], await InstantsAsync());
    }

    [Theory]
    [InlineData(new[] { "a.csv", "b.csv" }, "several .csv files")]
    [InlineData(new[] { "xl/workbook.xml", "[Content_Types].xml" }, "not a CSV")]
    public async Task AZipWithoutExactlyOneCsvCannotBeUsedAndChangesNothing(string[] entries, string problem)
    {
        await garnet.FlushAsync();
        await using var factory = AdminApi.Factory(garnet);
        using var client = factory.Teacher();
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in entries)
            {
                await using var writer = new StreamWriter(archive.CreateEntry(entry).Open());
                await writer.WriteAsync("\"Timestamp\",\"Song\",\"Artist\"\r\n");
            }
        }

        var upload = await AdminApi.ReadAsync<UploadPreview>(
            await client.PostAsync("/api/admin/upload?preview=false", Multipart(zip.ToArray(), "responses.zip")), (HttpStatusCode)422);

        Assert.False(upload.CanUse);
        Assert.Contains(upload.Problems, p => p.Contains(problem, StringComparison.Ordinal));
        Assert.False(await garnet.Redis.GetDatabase().KeyExistsAsync(RedisKeys.UploadedCsv));
    }

    [Fact]
    public async Task ThePreviewSaysHowTheSheetsDatesAreRead()
    {
        await garnet.FlushAsync();
        await using var factory = AdminApi.Factory(garnet);
        using var client = factory.Teacher();

        var preview = await AdminApi.ReadAsync<UploadPreview>(
            await client.PostAsync("/api/admin/upload?preview=true", Multipart(Fixture("sheet-export-en-gb.csv"))), HttpStatusCode.OK);

        Assert.Equal(0, preview.Quarantined);
        Assert.StartsWith("Dates like 05/09/2025 are read day first (5 September)", preview.Columns!.DateOrder);
    }

    /// <summary>What the worker does once the upload is the csv source: read the stored text and ingest it.</summary>
    private async Task<IngestResult> IngestTheUploadAsync()
    {
        var table = await new UploadedCsvReader(garnet.Redis).ReadAsync(CancellationToken.None);
        var ingestor = new SurveyIngestor(
            new SurveyResponseStore(garnet.Redis),
            new QuarantineStore(garnet.Redis),
            new SourceStatusStore(garnet.Redis),
            new HeaderMapper(),
            Options.Create(new SurveyOptions()),
            new NamePolicy(new Pseudonymizer("test-pseudonym-key"), StoreNames: false),
            TimeProvider.System,
            NullLogger<SurveyIngestor>.Instance);
        return await ingestor.IngestAsync("csv", SurveySourceKind.Csv, table);
    }

    private async Task<string[]> InstantsAsync() =>
        [.. (await new SurveyResponseStore(garnet.Redis).GetAllAsync("csv"))
            .Select(r => $"{r.Response.FavoriteSong}={r.Response.SubmittedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}")
            .Order(StringComparer.Ordinal)];

    private static MultipartFormDataContent Multipart(string path) => Multipart(File.ReadAllBytes(path), Path.GetFileName(path));

    private static MultipartFormDataContent Multipart(byte[] file, string fileName)
    {
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".zip", StringComparison.Ordinal) ? "application/zip" : "text/csv");
        return new MultipartFormDataContent { { part, "file", fileName } };
    }
}
