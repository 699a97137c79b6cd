using System.Text;
using Microsoft.Extensions.DependencyInjection;
using SpotifyDashboard.Ingestion.Reading;
using SpotifyDashboard.Ingestion.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace SpotifyDashboard.Ingestion.Tests.Reading;

public sealed class CsvReadersTests
{
    public static readonly string FixturePath = Path.Combine(AppContext.BaseDirectory, "Fixtures", "forms-responses.csv");

    [Fact]
    public async Task ReadsTheFormsDownloadWithBomCrlfQuotesNewlinesAndEmoji()
    {
        var table = await new CsvFileReader(FixturePath).ReadAsync(CancellationToken.None);

        Assert.Equal("Timestamp", table.Headers[0]);
        Assert.Equal(10, table.Headers.Count);
        Assert.Equal([2, 3, 4, 5, 6, 7], table.Rows.Select(r => r.Number));
        Assert.Equal("Seville, Spain", table.Rows[0].Cells[5]);
        Assert.Equal("Luis Fonsi, Daddy Yankee", table.Rows[0].Cells[7]);
        Assert.Equal("Song with a \"quote\" and, a comma", table.Rows[2].Cells[6]);
        Assert.Equal("Artist 🎸 Band", table.Rows[2].Cells[7]);
        Assert.Equal("2,5", table.Rows[2].Cells[8]);
        Assert.Equal("Line one\r\nline two", table.Rows[3].Cells[6]);
        Assert.Equal(["Zombie", "The Cranberries", "", ""], table.Rows[5].Cells.Skip(6));
    }

    [Fact]
    public async Task AMissingFileNamesTheSetting()
    {
        var error = await Assert.ThrowsAsync<SurveySourceException>(() => new CsvFileReader("/nowhere/responses.csv").ReadAsync(CancellationToken.None));

        Assert.Contains("Survey:CsvPath", error.Message);
    }

    [Fact]
    public async Task ReadsACsvUrlAndExplainsAPrivateSheet()
    {
        using var server = WireMockServer.Start();
        server.Given(Request.Create().WithPath("/export").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "text/csv").WithBody(File.ReadAllBytes(FixturePath)));
        server.Given(Request.Create().WithPath("/private").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "text/html").WithBody("<html>Sign in</html>"));

        var table = await UrlReader($"{server.Url}/export").ReadAsync(CancellationToken.None);
        var error = await Assert.ThrowsAsync<SurveySourceException>(() => UrlReader($"{server.Url}/private").ReadAsync(CancellationToken.None));

        Assert.Equal(6, table.Rows.Count);
        Assert.Equal("Artist 🎸 Band", table.Rows[2].Cells[7]);
        Assert.Contains("not shared by link", error.Message);
    }

    private static CsvUrlReader UrlReader(string url)
    {
        var provider = IngestionServices.Build(
            redis: null,
            new Dictionary<string, string?> { ["Survey:Source"] = "Csv", ["Survey:CsvUrl"] = url });
        return provider.GetRequiredService<CsvUrlReader>();
    }

    [Fact]
    public async Task ReadsLfOnlyFilesWithoutBomAndSkipsBlankLines()
    {
        var csv = "Timestamp,Song,Artist\n2026-01-01T10:00:00Z,A,B\n\n2026-01-01T11:00:00Z,C,D\n"u8.ToArray();

        var table = await CsvTableParser.ParseAsync(new MemoryStream(csv), CancellationToken.None);

        Assert.Equal(["A", "C"], table.Rows.Select(r => r.Cells[1]));
        Assert.Equal(Encoding.UTF8.GetString(csv).Split('\n')[0].Split(','), table.Headers);
    }
}
