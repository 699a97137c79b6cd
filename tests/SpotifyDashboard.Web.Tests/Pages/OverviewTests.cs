using SpotifyDashboard.Web.Components.Pages.Overview;

namespace SpotifyDashboard.Web.Tests.Pages;

public sealed class OverviewTests : WebTestContext
{
    private const string OverviewPath = "/api/overview";

    [Fact]
    public void ShowsLoadingUntilTheApiAnswersThenTheTiles()
    {
        Api.Returns(OverviewPath, Overview()).Pause();

        var page = Render<Overview>();

        Assert.Contains("Loading", page.Find("#page-state").TextContent);
        Assert.Empty(page.FindAll("#overview-tiles"));

        Api.Resume();

        page.WaitForAssertion(() => Assert.Equal("3", page.Find("#tile-responses .tile-value").TextContent));
        Assert.Empty(page.FindAll("#page-state"));
    }

    [Fact]
    public void SaysNoAnalysisYetWhenTheApiSaysSo()
    {
        Api.Fails(OverviewPath, 503, "No analysis yet");

        var page = Render<Overview>();

        page.WaitForAssertion(() => Assert.Contains("The worker analyses the class", page.Find("#page-state").TextContent));
        Assert.Empty(page.FindAll("#overview-tiles"));
    }

    [Fact]
    public void ShowsTheCountsAndNoPredictorBeforeTheFirstAnalysis()
    {
        Api.Returns(OverviewPath, Overview(withAnalysis: false));

        var page = Render<Overview>();

        page.WaitForAssertion(() => Assert.Contains("no analysis yet", page.Find("#tile-accuracy").TextContent));
        Assert.Equal("–", page.Find("#tile-clusters .tile-value").TextContent);
        Assert.Equal("3", page.Find("#tile-enriched .tile-value").TextContent);
    }

    [Fact]
    public void TheAccuracyTileSaysNotEnoughDataWhenThePredictorCouldNotBeTrained()
    {
        Api.Returns(OverviewPath, Overview(analysis: Headline(state: "not-enough-data", accuracy: null, baseline: null)));

        var page = Render<Overview>();

        page.WaitForAssertion(() => Assert.Contains("not enough data yet", page.Find("#tile-accuracy").TextContent));
        Assert.Equal("–", page.Find("#tile-accuracy .tile-value").TextContent);
        Assert.Equal("2", page.Find("#tile-clusters .tile-value").TextContent);
    }

    [Fact]
    public void TheAccuracyTileShowsTheCrossValidatedAccuracyNextToTheBaseline()
    {
        Api.Returns(OverviewPath, Overview());

        var page = Render<Overview>();

        page.WaitForAssertion(() => Assert.Equal("72 %", page.Find("#tile-accuracy .tile-value").TextContent));
        Assert.Contains("baseline 50 %", page.Find("#tile-accuracy").TextContent);
    }

    [Fact]
    public void SaysTheSongsAreBeingLookedUpWhileEveryAnswerIsPending()
    {
        Api.Returns(OverviewPath, Overview(students: 3, enriched: 0, pending: 3));

        var page = Render<Overview>();

        page.WaitForAssertion(() => Assert.Contains("Looking up the songs", page.Markup));
        Assert.Contains("3 songs are waiting for their audio features", page.Markup);
        Assert.Empty(page.FindAll("#chart-profile"));
        Assert.NotEmpty(page.FindAll("#chart-majors"));
        Assert.DoesNotContain(Charts.Figures, f => f["data"]![0]!["type"]!.GetValue<string>() == "scatterpolar");
    }

    [Fact]
    public void SaysNoAnswersYetAndDrawsNoChartsForAnEmptyClass()
    {
        Api.Returns(OverviewPath, Overview(students: 0, enriched: 0, withAnalysis: false));

        var page = Render<Overview>();

        page.WaitForAssertion(() => Assert.Contains("No answers yet", page.Markup));
        Assert.Empty(page.FindAll(".chart"));
        Assert.Empty(Charts.Renders);
    }

    [Fact]
    public void ShowsTheApisProblemWhenItFails()
    {
        Api.Fails(OverviewPath, 500, "The store failed", "Redis timed out.");

        var page = Render<Overview>();

        page.WaitForAssertion(() => Assert.Contains("Redis timed out.", page.Find("#page-state").TextContent));
        Assert.Contains("The store failed", page.Find("#page-state").OuterHtml);
        Assert.Empty(page.FindAll("#overview-tiles"));
    }

    [Fact]
    public void SaysTheApiIsNotAnsweringWhenItIsDown()
    {
        Api.IsDown();

        var page = Render<Overview>();

        page.WaitForAssertion(() => Assert.Contains("The api is not answering", page.Find("#page-state").OuterHtml));
        Assert.Empty(page.FindAll("#overview-tiles"));
    }

    [Fact]
    public void KeepsTheLastDataAndSaysWhyWhenTheApiGoesDown()
    {
        Api.Returns(OverviewPath, Overview());
        var page = Render<Overview>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("#overview-tiles")));
        Api.IsDown();

        Time.Advance(Dashboard.FallbackRefreshInterval);

        page.WaitForAssertion(() => Assert.Contains("The api is not answering", page.Find("#page-state").OuterHtml));
        Assert.Equal("3", page.Find("#tile-responses .tile-value").TextContent);
    }

    [Fact]
    public void DrawsEveryChartWithTheUsersTextEncoded()
    {
        Api.Returns(OverviewPath, Overview(song: XssSong, artist: XssArtist, major: QuoteMajor));

        var page = Render<Overview>();

        Eventually(() => Assert.Equal(7, Charts.Renders.Count));
        var songs = Charts.LastFigureOf("songs-")["data"]![0]!;
        Assert.Equal($"{XssSongEncoded} — {XssArtistEncoded}", songs["customdata"]![0]!.GetValue<string>());
        Assert.StartsWith($"{XssSongEncoded[..20]}", songs["y"]![0]!.GetValue<string>());
        Assert.Equal(XssArtistEncoded, Charts.LastFigureOf("artists-")["data"]![0]!["y"]![0]!.GetValue<string>());
        Assert.Equal(QuoteMajorEncoded, Charts.LastFigureOf("majors-")["data"]![0]!["x"]![0]!.GetValue<string>());
        Assert.All(Charts.Figures, f => FigureAssert.NoRawMarkup(f));
        // The tables under the charts show the same strings as text.
        Assert.Empty(page.FindAll("img"));
        Assert.Empty(page.FindAll("b"));
    }

    [Fact]
    public void ComparesTheClassWithAMajorOnTheProfileRadar()
    {
        Api.Returns(OverviewPath, Overview(major: QuoteMajor));
        var page = Render<Overview>();
        Eventually(() => Assert.Equal(1, Charts.CountOf("profile-")));
        Assert.Single(Charts.LastFigureOf("profile-")["data"]!.AsArray());

        page.Find("#profile-major").Change(QuoteMajor);

        Eventually(() => Assert.Equal(2, Charts.CountOf("profile-")));
        var traces = Charts.LastFigureOf("profile-")["data"]!.AsArray();
        Assert.Equal(["The class", QuoteMajorEncoded], traces.Select(t => t!["name"]!.GetValue<string>()));
        Assert.Equal(1, Charts.CountOf("majors-"));
    }

    [Fact]
    public void DoesNotRedrawWhenTheDataIsTheSameButRedrawsWhenItChanges()
    {
        var students = 3;
        Api.Returns(OverviewPath, _ => Overview(students: students));
        var page = Render<Overview>();
        Eventually(() => Assert.Equal(1, Charts.CountOf("majors-")));

        Time.Advance(Dashboard.FallbackRefreshInterval);
        page.WaitForAssertion(() => Assert.Equal(2, Api.RequestsTo(OverviewPath).Count));
        Settle();
        Assert.Equal(1, Charts.CountOf("majors-"));

        students = 4;
        AdvanceUntil(() => Api.RequestsTo(OverviewPath).Count >= 3, TimeSpan.FromSeconds(1), Dashboard.FallbackRefreshInterval * 10);

        Eventually(() => Assert.Equal(2, Charts.CountOf("majors-")));
        Assert.Equal("4", page.Find("#tile-responses .tile-value").TextContent);
    }

    [Fact]
    public void AChartThatCannotBeDrawnSaysSoAndTheRestOfThePageWorks()
    {
        Charts.Fail();
        Api.Returns(OverviewPath, Overview());

        var page = Render<Overview>();

        page.WaitForAssertion(() => Assert.Equal(7, page.FindAll(".chart-error").Count));
        Assert.Equal(7, Charts.Renders.Count);
        Assert.Contains("This chart could not be drawn", page.Find("#chart-majors").ParentElement!.OuterHtml);
        Assert.Equal("3", page.Find("#tile-responses .tile-value").TextContent);
        Assert.Equal(7, page.FindAll(".chart-table").Count);
    }

    [Fact]
    public void ShowsTheJoinPanelWithTheQrCodeAndTheLinkWhenAFormIsSet()
    {
        Survey.FormUrl = "https://forms.gle/abc123";
        Api.Returns(OverviewPath, Overview());

        var page = Render<Overview>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("#join-panel")));
        Assert.NotEmpty(page.FindAll("#join-panel .join-qr svg"));
        Assert.Equal("forms.gle/abc123", page.Find("#join-panel .join-link").TextContent);
        Assert.Equal("https://forms.gle/abc123", page.Find("#join-panel .join-link").GetAttribute("href"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("javascript:alert(1)")]
    [InlineData("ftp://forms.example/abc")]
    [InlineData("forms.gle/abc123")]
    public void HidesTheJoinPanelWithoutAnHttpLink(string? formUrl)
    {
        Survey.FormUrl = formUrl;
        Api.Returns(OverviewPath, Overview());

        var page = Render<Overview>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("#overview-tiles")));
        Assert.Empty(page.FindAll("#join-panel"));
        Assert.Empty(page.FindAll("svg"));
    }

    [Fact]
    public void APushedSnapshotReloadsAndRedrawsWhileTheTimerDoesNotAskTheApi()
    {
        Events.IsConnected = true;
        var students = 3;
        Api.Returns(OverviewPath, _ => Overview(students: students));
        var page = Render<Overview>();
        Eventually(() => Assert.Equal(1, Charts.CountOf("majors-")));

        Time.Advance(Dashboard.FallbackRefreshInterval);
        Settle();
        Time.Advance(Dashboard.FallbackRefreshInterval);
        Settle();
        Assert.Single(Api.RequestsTo(OverviewPath));

        students = 5;
        Push(StoreEvent.SnapshotUpdated, () => Api.RequestsTo(OverviewPath).Count == 2);

        page.WaitForAssertion(() => Assert.Equal("5", page.Find("#tile-responses .tile-value").TextContent));
        Eventually(() => Assert.Equal(2, Charts.CountOf("majors-")));

        // When the stream drops, the timer takes over.
        Events.IsConnected = false;
        AdvanceUntil(() => Api.RequestsTo(OverviewPath).Count >= 3, TimeSpan.FromSeconds(1), Dashboard.FallbackRefreshInterval * 10);
    }

    [Fact]
    public void PollsOnTheFallbackIntervalWhileTheStreamIsDown()
    {
        Api.Returns(OverviewPath, Overview());
        var page = Render<Overview>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("#overview-tiles")));

        Time.Advance(Dashboard.FallbackRefreshInterval - TimeSpan.FromSeconds(1));
        Settle();
        Assert.Single(Api.RequestsTo(OverviewPath));

        Time.Advance(TimeSpan.FromSeconds(1));

        page.WaitForAssertion(() => Assert.Equal(2, Api.RequestsTo(OverviewPath).Count));
    }
}
