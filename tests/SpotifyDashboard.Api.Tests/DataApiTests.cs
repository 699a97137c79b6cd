using System.Globalization;
using System.Text.RegularExpressions;
using SpotifyDashboard.Api.Data;

namespace SpotifyDashboard.Api.Tests;

/// <summary>GET /api/data and the exports over the demo analysis and the stored demo class with its odd extra answers.</summary>
public class DataApiTests(ClassDataFixture api) : IClassFixture<ClassDataFixture>
{
    private Task<DataPage> PageAsync(string query) =>
        api.Client.GetAsync($"/api/data?{query}").ContinueWith(t => ApiJson.OkAsync<DataPage>(t.Result)).Unwrap();

    private IEnumerable<string> CurrentIds(Func<Core.Survey.EnrichedResponse, bool> keep) =>
        api.Current.Where(keep).Select(r => r.Response.Id);

    [Theory]
    [InlineData("major=Music")]
    [InlineData("major=music&year=Freshman")]
    [InlineData("year=Junior")]
    [InlineData("cluster=2")]
    [InlineData("state=unmatched")]
    [InlineData("state=Pending")]
    [InlineData("q=cafe%20dancante")]
    [InlineData("q=BEYONCE")]
    [InlineData("q=onerror")]
    public async Task FiltersKeepOnlyTheMatchingRows(string query)
    {
        var page = await PageAsync($"{query}&limit=500");

        var expected = query switch
        {
            "major=Music" => CurrentIds(r => r.Response.Major == "Music"),
            "major=music&year=Freshman" => CurrentIds(r => r.Response.Major == "Music" && r.Response.Year == "Freshman"),
            "year=Junior" => CurrentIds(r => r.Response.Year == "Junior"),
            "cluster=2" => TestSnapshots.DemoClass.Points.Where(p => p.Cluster == 2).Select(p => p.Id),
            "state=unmatched" => CurrentIds(r => r.Enrichment == EnrichmentState.Unmatched),
            "state=Pending" => CurrentIds(r => r.Enrichment == EnrichmentState.Pending),
            "q=cafe%20dancante" or "q=BEYONCE" => ["extra-accent"],
            "q=onerror" => ["extra-html"],
            _ => throw new ArgumentOutOfRangeException(nameof(query)),
        };
        var ids = expected.ToHashSet();
        Assert.NotEmpty(ids);
        Assert.True(ids.Count < api.Current.Count);
        Assert.Equal(ids.Order(), page.Items.Select(r => r.Id).Order());
        Assert.Equal(ids.Count, page.Total);
        Assert.Equal(api.Current.Count, page.Unfiltered);
        Assert.Equal(1, page.AnalysisVersion);
    }

    [Fact]
    public async Task TheTextFilterFindsAStudentByPseudonym()
    {
        var student = api.Current[5].Response.Student;

        var page = await PageAsync($"q={Uri.EscapeDataString(student.ToUpperInvariant())}");

        Assert.Contains(page.Items, r => r.Id == api.Current[5].Response.Id);
        Assert.All(page.Items, r => Assert.Equal(student, r.Student));
    }

    [Fact]
    public async Task RowsJoinTheAnswerWithItsPlaceInTheAnalysis()
    {
        var page = await PageAsync("limit=500");

        var snapshot = TestSnapshots.DemoClass;
        var row = page.Items.Single(r => r.Id == "demo-000007");
        var stored = api.Current.Single(r => r.Response.Id == "demo-000007");
        var point = snapshot.Points.Single(p => p.Id == "demo-000007");
        Assert.Equal(stored.Response.Student, row.Student);
        Assert.Equal(stored.Response.HoursPerDay, row.HoursPerDay);
        Assert.Equal(stored.Features, row.Features);
        Assert.Equal(point.Cluster, row.Cluster);
        Assert.Equal(snapshot.Clustering.Clusters.Single(c => c.Id == point.Cluster).Name, row.ClusterName);
        Assert.Equal(point.X, row.X);
        Assert.Equal(point.Z, row.Z);
        Assert.Equal(point.DnaScore, row.DnaScore);
        var pending = page.Items.Single(r => r.Id == "extra-html");
        Assert.Equal(EnrichmentState.Pending, pending.Enrichment);
        Assert.Null(pending.Cluster);
        Assert.Null(pending.DnaScore);
        Assert.DoesNotContain(page.Items, r => r.Id == "extra-superseded");
    }

    [Fact]
    public async Task UserTextThatLooksLikeHtmlIsReturnedVerbatim()
    {
        var page = await PageAsync("q=onerror");

        var row = Assert.Single(page.Items);
        Assert.Equal(TestClass.Html, row.Song);
        Assert.Equal("<b>Bold</b> & \"Quoted\"", row.Artist);
    }

    [Fact]
    public async Task TheDefaultOrderIsNewestFirstFiftyAtATime()
    {
        var page = await PageAsync("");

        var newest = api.Current.OrderByDescending(r => r.Response.SubmittedAt).Select(r => r.Response.Id).Take(50);
        Assert.Equal(newest, page.Items.Select(r => r.Id));
        Assert.Equal(api.Current.Count, page.Total);
    }

    public static TheoryData<string, string?> SortsAndDirections()
    {
        var data = new TheoryData<string, string?>();
        foreach (var key in DataQuery.SortKeys)
        {
            data.Add(key, null);
            data.Add(key, "true");
            data.Add(key, "false");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SortsAndDirections))]
    public async Task SortedPagesNeitherOverlapNorMissARow(string sort, string? desc)
    {
        var rows = new List<DataRow>();
        for (var offset = 0; ; offset += 7)
        {
            var page = await PageAsync($"sort={sort}{(desc is null ? "" : $"&desc={desc}")}&offset={offset}&limit=7");
            Assert.True(page.Items.Count <= 7);
            rows.AddRange(page.Items);
            if (page.Items.Count < 7)
            {
                break;
            }
        }

        var descending = desc is null ? sort == "submittedAt" : desc == "true";
        Assert.Equal(api.Current.Count, rows.Count);
        Assert.Equal(api.Current.Select(r => r.Response.Id).Order(), rows.Select(r => r.Id).Order());
        foreach (var (a, b) in rows.Zip(rows.Skip(1)))
        {
            var order = Compare(sort, a, b, descending);
            Assert.True(order < 0 || (order == 0 && string.CompareOrdinal(a.Id, b.Id) < 0), $"{a.Id} comes before {b.Id} sorted by {sort} (desc {desc}).");
        }
    }

    /// <summary>The expected order of two rows by one key: missing values last whatever the direction.</summary>
    private static int Compare(string sort, DataRow a, DataRow b, bool descending)
    {
        static int Nulls(bool aMissing, bool bMissing) => aMissing.CompareTo(bMissing);
        int Directed(int order) => descending ? -order : order;
        int Text(string x, string y)
        {
            string fx = TextSearch.Fold(x), fy = TextSearch.Fold(y);
            return fx.Length == 0 || fy.Length == 0 ? Nulls(fx.Length == 0, fy.Length == 0)
                : Directed(string.CompareOrdinal(fx, fy) is var o && o != 0 ? o : string.CompareOrdinal(x, y));
        }

        int Number(double? x, double? y) => x is null || y is null ? Nulls(x is null, y is null) : Directed(x.Value.CompareTo(y.Value));

        return sort switch
        {
            "submittedAt" => Directed(a.SubmittedAt.CompareTo(b.SubmittedAt)),
            "student" => Text(a.Student, b.Student),
            "song" => Text(a.Song, b.Song),
            "artist" => Text(a.Artist, b.Artist),
            "major" => Text(a.Major, b.Major),
            "year" => Text(a.Year, b.Year),
            "hoursPerDay" => Number(a.HoursPerDay, b.HoursPerDay),
            "cluster" => Number(a.Cluster, b.Cluster),
            "dnaScore" => Number(a.DnaScore, b.DnaScore),
            _ => throw new ArgumentOutOfRangeException(nameof(sort)),
        };
    }

    [Theory]
    [InlineData("limit=0", "limit", "0")]
    [InlineData("limit=501", "limit", "501")]
    [InlineData("limit=abc", "limit", "abc")]
    [InlineData("offset=-1", "offset", "-1")]
    [InlineData("offset=x", "offset", "x")]
    [InlineData("cluster=one", "cluster", "one")]
    [InlineData("state=lost", "state", "lost")]
    [InlineData("state=1", "state", "1")]
    [InlineData("desc=maybe", "desc", "maybe")]
    [InlineData("sort=loudness", "sort", "loudness")]
    public async Task ABadQueryValueIsABadRequestThatNamesIt(string query, string field, string value)
    {
        foreach (var path in new[] { "/api/data", "/api/export.csv", "/api/export.json" })
        {
            var response = await api.Client.GetAsync($"{path}?{query}");

            var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
            var message = problem.GetProperty("errors").GetProperty(field)[0].GetString()!;
            Assert.Contains($"'{value}'", message);
            if (field == "sort")
            {
                Assert.All(DataQuery.SortKeys, key => Assert.Contains(key, message));
            }
        }
    }

    [Fact]
    public async Task FacetsListTheValuesTheFiltersCanTake()
    {
        var page = await PageAsync("major=Music&limit=1");

        var facets = page.Facets;
        Assert.Equal(api.Current.Select(r => r.Response.Major).Distinct().Order(StringComparer.Ordinal), facets.Majors);
        Assert.Equal(api.Current.Select(r => r.Response.Year).Distinct().Order(StringComparer.Ordinal), facets.Years);
        Assert.Equal(
            TestSnapshots.DemoClass.Clustering.Clusters.OrderBy(c => c.Id).Select(c => new ClusterFacet(c.Id, c.Name, c.Size)),
            facets.Clusters);
        Assert.Equal([EnrichmentState.Pending, EnrichmentState.Enriched, EnrichmentState.Unmatched], facets.States);
    }

    [Fact]
    public async Task TheCsvExportIsUtf8WithABomAHeaderAndAnAttachmentName()
    {
        var response = await api.Client.GetAsync("/api/export.csv");

        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var disposition = response.Content.Headers.GetValues("Content-Disposition").Single();
        Assert.Matches(AttachmentName("csv"), disposition);
        var records = CsvReader.Parse(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
        Assert.Equal(
            ["id", "submitted_at", "student", "song", "artist", "major", "year", "hours_per_day", "listening_time", "enrichment",
             "danceability", "energy", "key", "loudness", "mode", "speechiness", "acousticness", "instrumentalness", "liveness",
             "valence", "tempo", "duration_ms", "time_signature", "cluster", "cluster_name", "pc1", "pc2", "pc3", "dna_score"],
            records[0]);
        Assert.All(records, r => Assert.Equal(records[0].Count, r.Count));
        Assert.Equal(api.Current.Count, records.Count - 1);
        Assert.Contains(records, r => r.Contains("Café Dançante"));
    }

    [Fact]
    public async Task CellsThatASpreadsheetWouldRunAreNeutralizedButNumbersAreNot()
    {
        var text = await CsvTextAsync("/api/export.csv");

        var records = CsvReader.Parse(text);
        var header = records[0];
        var byId = records.Skip(1).ToDictionary(r => r[0]);
        foreach (var (id, title) in TestClass.FormulaSongs)
        {
            var row = byId[id];
            Assert.Equal("'" + title, row[header.IndexOf("song")]);
            Assert.Equal("'=Business", row[header.IndexOf("major")]);
            Assert.Equal("'-Senior", row[header.IndexOf("year")]);
            Assert.Equal("'@Late night", row[header.IndexOf("listening_time")]);
            Assert.Equal("Formula, Inc.", row[header.IndexOf("artist")]);
        }

        Assert.Contains("\"'=HYPERLINK(\"\"http://x\"\")\"", text);
        Assert.Contains("\"'\tTab Song\"", text);
        Assert.Contains("\"'\rCarriage Song\"", text);

        var demo = api.Current.Single(r => r.Response.Id == "demo-000000");
        var loudness = demo.Features!.Loudness!.Value;
        Assert.True(loudness < 0);
        var demoRow = byId["demo-000000"];
        Assert.Equal(loudness.ToString(CultureInfo.InvariantCulture), demoRow[header.IndexOf("loudness")]);
        Assert.Equal(TestSnapshots.DemoClass.Points.Single(p => p.Id == "demo-000000").X, double.Parse(demoRow[header.IndexOf("pc1")], CultureInfo.InvariantCulture));
        Assert.Equal(demo.Response.SubmittedAt, DateTimeOffset.Parse(demoRow[header.IndexOf("submitted_at")], CultureInfo.InvariantCulture));
        Assert.EndsWith("Z", demoRow[header.IndexOf("submitted_at")]);
        Assert.Contains($",{loudness.ToString(CultureInfo.InvariantCulture)},", text);
        Assert.DoesNotContain(records.Skip(1).SelectMany(r => r), cell => cell.StartsWith("'-", StringComparison.Ordinal) && double.TryParse(cell[1..], CultureInfo.InvariantCulture, out _));
    }

    [Fact]
    public async Task TheCsvExportHasEveryRowTheFiltersAndSortOfTheGridKeep()
    {
        var text = await CsvTextAsync("/api/export.csv?major=Music&sort=song&desc=true");

        var grid = await PageAsync("major=Music&sort=song&desc=true&limit=500");
        var records = CsvReader.Parse(text);
        Assert.Equal(grid.Items.Select(r => r.Id), records.Skip(1).Select(r => r[0]));
        Assert.NotEmpty(grid.Items);
        Assert.True(grid.Items.Count < api.Current.Count);
    }

    [Fact]
    public async Task TheJsonExportIsTheFilteredRowsAsAnAttachment()
    {
        var response = await api.Client.GetAsync("/api/export.json?state=enriched&sort=dnaScore");

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches(AttachmentName("json"), response.Content.Headers.GetValues("Content-Disposition").Single());
        var rows = JsonSerializer.Deserialize<List<DataRow>>(body, DashboardJson.Options)!;
        var grid = await PageAsync("state=enriched&sort=dnaScore&limit=500");
        Assert.Equal(TestSnapshots.Students, rows.Count);
        Assert.Equal(grid.Items, rows, (a, b) => JsonSerializer.Serialize(a, DashboardJson.Options) == JsonSerializer.Serialize(b, DashboardJson.Options));
        Assert.All(rows, r => Assert.Equal(EnrichmentState.Enriched, r.Enrichment));
    }

    [Fact]
    public async Task NoAnswerShowsARawNameEvenWhenOneIsStored()
    {
        var names = api.Stored.Select(r => r.Response.Name).OfType<string>().ToList();
        Assert.Equal(api.Stored.Count, names.Count);

        string[] bodies =
        [
            await CsvTextAsync("/api/export.csv"),
            await api.Client.GetStringAsync("/api/export.json"),
            await api.Client.GetStringAsync("/api/data?limit=500"),
            await api.Client.GetStringAsync("/api/overview"),
            await api.Client.GetStringAsync("/api/clusters"),
        ];

        foreach (var body in bodies)
        {
            Assert.All(names, name => Assert.DoesNotContain(name, body, StringComparison.OrdinalIgnoreCase));
        }
    }

    private async Task<string> CsvTextAsync(string path)
    {
        var response = await api.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
    }

    private static Regex AttachmentName(string extension) =>
        new($"^attachment; filename=\"spotifydashboard-demo-\\d{{8}}-\\d{{4}}\\.{extension}\"$");
}
