using SpotifyDashboard.Web.Components.Pages.DataExplorer;
using static SpotifyDashboard.Web.Tests.Pages.DataSamples;

namespace SpotifyDashboard.Web.Tests.Pages;

public sealed class DataExplorerTests : WebTestContext
{
    private const string DataPath = "/api/data";

    [Fact]
    public void ShowsLoadingUntilTheApiAnswersThenTheRows()
    {
        Api.Returns(DataPath, Page([Row(1), Row(2)])).Pause();

        var page = Render<DataExplorer>();

        Assert.Contains("Loading", page.Find("#page-state").TextContent);
        Assert.Empty(page.FindAll("#data-grid"));

        Api.Resume();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("#data-grid tbody tr").Count));
        Assert.Empty(page.FindAll("#page-state"));
    }

    [Fact]
    public void ShowsTheApisProblemWhenItFails()
    {
        Api.Fails(DataPath, 500, "The store failed", "Redis timed out.");

        var page = Render<DataExplorer>();

        page.WaitForAssertion(() =>
        {
            var state = page.Find("#page-state").TextContent;
            Assert.Contains("The store failed", state);
            Assert.Contains("Redis timed out.", state);
        });
        Assert.Empty(page.FindAll("#data-grid"));
    }

    [Fact]
    public void SaysTheApiIsNotAnsweringWhenItIsDown()
    {
        Api.IsDown();

        var page = Render<DataExplorer>();

        page.WaitForAssertion(() => Assert.Contains("The api is not answering", page.Find("#page-state").TextContent));
        Assert.Empty(page.FindAll("#data-grid"));
    }

    [Fact]
    public void SaysNoAnswersYetWhenTheSourceHasNone()
    {
        Api.Returns(DataPath, Page([]));

        var page = Render<DataExplorer>();

        page.WaitForAssertion(() => Assert.Contains("No answers yet", page.Find("#data-empty").TextContent));
        Assert.Empty(page.FindAll("#data-grid"));
        Assert.Empty(page.FindAll("#data-search"));
        Assert.Empty(page.FindAll("#data-no-match"));
    }

    [Fact]
    public void OffersToClearTheFiltersWhenNoAnswerMatches()
    {
        Api.Returns(DataPath, request => request.Param("major") == "Biology" ? Page([], total: 0, unfiltered: 3) : Page([Row(1), Row(2), Row(3)]));
        var page = Render<DataExplorer>();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("#data-grid tbody tr").Count));

        page.Find("#data-filter-major").Change("Biology");

        page.WaitForAssertion(() => Assert.Contains("No answers match", page.Find("#data-no-match").TextContent));
        Assert.Empty(page.FindAll("#data-grid"));

        page.Find("#data-no-match-clear").Click();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("#data-grid tbody tr").Count));
        Assert.Null(Api.LastRequestTo(DataPath).Param("major"));
    }

    [Fact]
    public void RendersASongTitleThatLooksLikeMarkupAsText()
    {
        const string title = "<img src=x onerror=alert(1)>";
        Api.Returns(DataPath, Page([Row(1, song: title)]));

        var page = Render<DataExplorer>();

        page.WaitForAssertion(() => Assert.Equal(title, page.Find("#data-grid td.song").TextContent));
        Assert.Empty(page.FindAll("img"));
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", page.Markup);
        Assert.DoesNotContain("<img", page.Markup);
    }

    [Fact]
    public void AsksTheApiForTheFirstPageNewestFirst()
    {
        Api.Returns(DataPath, Page([Row(1)]));

        var page = Render<DataExplorer>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("#data-grid tbody tr")));
        var request = Api.LastRequestTo(DataPath);
        Assert.Equal("submittedAt", request.Param("sort"));
        Assert.Equal("true", request.Param("desc"));
        Assert.Equal("0", request.Param("offset"));
        Assert.Equal("25", request.Param("limit"));
        Assert.Equal("descending", page.Find("th:has(#data-sort-submittedAt)").GetAttribute("aria-sort"));
    }

    [Fact]
    public void SendsEachChosenFilterToTheApiFromTheFirstPage()
    {
        Api.Returns(DataPath, request => PageOf(request, total: 120));
        var page = Render<DataExplorer>();
        page.WaitForAssertion(() => Assert.Equal(25, page.FindAll("#data-grid tbody tr").Count));
        page.Find("#data-page-next").Click();
        page.WaitForAssertion(() => Assert.Equal("25", Api.LastRequestTo(DataPath).Param("offset")));

        page.Find("#data-filter-major").Change("Physics");
        page.WaitForAssertion(() => Assert.Equal("Physics", Api.LastRequestTo(DataPath).Param("major")));
        page.Find("#data-filter-year").Change("2");
        page.WaitForAssertion(() => Assert.Equal("2", Api.LastRequestTo(DataPath).Param("year")));
        page.Find("#data-filter-cluster").Change("1");
        page.WaitForAssertion(() => Assert.Equal("1", Api.LastRequestTo(DataPath).Param("cluster")));
        page.Find("#data-filter-state").Change("unmatched");

        page.WaitForAssertion(() =>
        {
            var request = Api.LastRequestTo(DataPath);
            Assert.Equal("unmatched", request.Param("state"));
            Assert.Equal("Physics", request.Param("major"));
            Assert.Equal("2", request.Param("year"));
            Assert.Equal("1", request.Param("cluster"));
            Assert.Equal("0", request.Param("offset"));
        });
    }

    [Fact]
    public void SortsOnTheApiWhenAColumnHeaderIsClickedAndReversesOnASecondClick()
    {
        Api.Returns(DataPath, Page([Row(1), Row(2)]));
        var page = Render<DataExplorer>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("#data-grid tbody tr").Count));

        page.Find("#data-sort-song").Click();

        page.WaitForAssertion(() =>
        {
            Assert.Equal("song", Api.LastRequestTo(DataPath).Param("sort"));
            Assert.Equal("false", Api.LastRequestTo(DataPath).Param("desc"));
            Assert.Equal("ascending", page.Find("th:has(#data-sort-song)").GetAttribute("aria-sort"));
        });
        Assert.Null(page.Find("th:has(#data-sort-submittedAt)").GetAttribute("aria-sort"));

        page.Find("#data-sort-song").Click();

        page.WaitForAssertion(() =>
        {
            Assert.Equal("true", Api.LastRequestTo(DataPath).Param("desc"));
            Assert.Equal("descending", page.Find("th:has(#data-sort-song)").GetAttribute("aria-sort"));
        });
    }

    [Fact]
    public void PagesThroughTheAnswersOnTheApi()
    {
        Api.Returns(DataPath, request => PageOf(request, total: 120));
        var page = Render<DataExplorer>();
        page.WaitForAssertion(() => Assert.Equal("Rows 1–25 of 120", page.Find("#data-total").TextContent));
        Assert.True(page.Find("#data-page-previous").HasAttribute("disabled"));

        page.Find("#data-page-next").Click();

        page.WaitForAssertion(() => Assert.Equal("Rows 26–50 of 120", page.Find("#data-total").TextContent));
        Assert.Equal("25", Api.LastRequestTo(DataPath).Param("offset"));
        Assert.Equal("Song 26", page.Find("#data-grid tbody td.song").TextContent);

        page.Find("#data-page-size").Change("100");

        page.WaitForAssertion(() => Assert.Equal("Rows 1–100 of 120", page.Find("#data-total").TextContent));
        Assert.Equal("100", Api.LastRequestTo(DataPath).Param("limit"));

        page.Find("#data-page-last").Click();

        page.WaitForAssertion(() => Assert.Equal("Rows 101–120 of 120", page.Find("#data-total").TextContent));
        Assert.True(page.Find("#data-page-next").HasAttribute("disabled"));
    }

    [Fact]
    public void CountsTheFilteredRowsAgainstAllAnswers()
    {
        Api.Returns(DataPath, request => request.Param("major") is null ? Page([Row(1), Row(2), Row(3)]) : Page([Row(1)], total: 1, unfiltered: 3));
        var page = Render<DataExplorer>();
        page.WaitForAssertion(() => Assert.Equal("Rows 1–3 of 3", page.Find("#data-total").TextContent));

        page.Find("#data-filter-major").Change("Physics");

        page.WaitForAssertion(() => Assert.Equal("Rows 1–1 of 1 (of 3 answers)", page.Find("#data-total").TextContent));
    }

    [Fact]
    public void SearchesOnlyOnceTheReaderPausesTyping()
    {
        Api.Returns(DataPath, Page([Row(1)]));
        var page = Render<DataExplorer>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("#data-grid tbody tr")));

        page.Find("#data-search").Input("ab");
        Time.Advance(TimeSpan.FromMilliseconds(100));
        page.Find("#data-search").Input("abba");
        Time.Advance(TimeSpan.FromMilliseconds(299));
        Assert.DoesNotContain(Api.RequestsTo(DataPath), r => r.Param("q") is not null);

        Time.Advance(TimeSpan.FromMilliseconds(1));

        page.WaitForAssertion(() => Assert.Equal("abba", Api.LastRequestTo(DataPath).Param("q")));
        Assert.Single(Api.RequestsTo(DataPath), r => r.Param("q") is not null);
    }

    [Fact]
    public void ExportLinksCarryTheCurrentFilterAndSortButNoPaging()
    {
        Api.Returns(DataPath, request => PageOf(request, total: 60));
        var page = Render<DataExplorer>();
        page.WaitForAssertion(() => Assert.Equal(25, page.FindAll("#data-grid tbody tr").Count));

        page.Find("#data-filter-major").Change("Physics");
        page.WaitForAssertion(() => Assert.Equal("Physics", Api.LastRequestTo(DataPath).Param("major")));
        page.Find("#data-sort-artist").Click();
        page.WaitForAssertion(() => Assert.Equal("artist", Api.LastRequestTo(DataPath).Param("sort")));
        page.Find("#data-page-next").Click();
        page.WaitForAssertion(() => Assert.Equal("25", Api.LastRequestTo(DataPath).Param("offset")));

        Assert.Equal("/data/export.csv?major=Physics&sort=artist&desc=false", page.Find("#data-export-csv").GetAttribute("href"));
        Assert.Equal("/data/export.json?major=Physics&sort=artist&desc=false", page.Find("#data-export-json").GetAttribute("href"));
        Assert.True(page.Find("#data-export-csv").HasAttribute("download"));
    }

    [Fact]
    public void ShowsPseudonymsAndNothingTheRowDoesNotHold()
    {
        // Even if the api ever sent more than the contract holds, the grid shows only DataRow's fields.
        var json = JsonSerializer.SerializeToNode(Page([Row(1, student: "Quiet Otter")]), DashboardJson.Options)!;
        var item = json["items"]![0]!.AsObject();
        item["name"] = "Alice Realname";
        item["email"] = "alice@example.edu";
        Api.Returns(DataPath, json);

        var page = Render<DataExplorer>();

        page.WaitForAssertion(() => Assert.Equal("Quiet Otter", page.Find("#data-grid td.student").TextContent));
        Assert.DoesNotContain("Alice", page.Markup);
        Assert.DoesNotContain("example.edu", page.Markup);
        Assert.Equal(
            ["Student", "Song", "Artist", "Major", "Year", "Hours/day", "Enrichment", "Cluster", "DNA score", "Submitted"],
            page.FindAll("#data-grid thead th").Select(th => th.TextContent.Trim().TrimEnd('▲', '▼')));
        Assert.Equal(
            ["Quiet Otter", "Song 1", "ABBA", "Physics", "2", "2.5", "enriched", "Loud and fast", "73", "5 min ago"],
            page.FindAll("#data-grid tbody td").Select(td => td.TextContent.Trim()));
    }

    [Fact]
    public void RefreshesTheSamePageWithTheSameFiltersWhenLive()
    {
        Api.Returns(DataPath, request => PageOf(request, total: 60));
        var page = Render<DataExplorer>();
        page.WaitForAssertion(() => Assert.Equal(25, page.FindAll("#data-grid tbody tr").Count));
        page.Find("#data-filter-major").Change("Physics");
        page.WaitForAssertion(() => Assert.Equal("Physics", Api.LastRequestTo(DataPath).Param("major")));
        page.Find("#data-page-next").Click();
        page.WaitForAssertion(() => Assert.Equal("25", Api.LastRequestTo(DataPath).Param("offset")));
        var before = Api.RequestsTo(DataPath).Count;

        // The event stream is down in tests, so the page polls on the fallback interval.
        Time.Advance(Dashboard.FallbackRefreshInterval);

        page.WaitForAssertion(() => Assert.Equal(before + 1, Api.RequestsTo(DataPath).Count));
        Assert.Equal(Api.RequestsTo(DataPath)[before - 1].QueryString, Api.LastRequestTo(DataPath).QueryString);
    }
}
