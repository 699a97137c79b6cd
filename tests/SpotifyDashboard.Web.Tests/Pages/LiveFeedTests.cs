using SpotifyDashboard.Web.Components.Pages.LiveFeed;

namespace SpotifyDashboard.Web.Tests.Pages;

public sealed class LiveFeedTests : WebTestContext
{
    private const string ResponsesPath = "/api/responses";

    [Fact]
    public void WaitsForTheFirstResponsesThenListsThemNewestFirst()
    {
        Api.Returns(ResponsesPath, Responses(Response(1), Response(2))).Pause();

        var page = Render<LiveFeed>();

        Assert.Contains("Waiting for the first responses", page.Find("#feed-summary").TextContent);
        Assert.Empty(page.FindAll("tr.feed-row"));

        Api.Resume();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tr.feed-row").Count));
        Assert.Equal("2", page.Find("#feed-total").TextContent);
        Assert.Equal(["Song 1", "Song 2"], page.FindAll("tr.feed-row .song").Select(e => e.TextContent));
        Assert.Equal("50", Api.LastRequestTo(ResponsesPath).Param("limit"));
        Assert.Empty(page.FindAll(".new-badge"));
    }

    [Fact]
    public void SaysWhatIsStillBeingLookedUp()
    {
        Api.Returns(ResponsesPath, Responses(Response(1, EnrichmentState.Pending), Response(2, EnrichmentState.Unmatched), Response(3)));

        var page = Render<LiveFeed>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".state-badge").Count));
        Assert.Contains("pending", page.FindAll("tr.feed-row")[0].TextContent);
        Assert.Contains("unmatched", page.FindAll("tr.feed-row")[1].TextContent);
    }

    [Fact]
    public void ShowsASongThatLooksLikeMarkupAsText()
    {
        Api.Returns(ResponsesPath, Responses(Response(1, song: XssSong)));

        var page = Render<LiveFeed>();

        page.WaitForAssertion(() => Assert.Equal(XssSong, page.Find("tr.feed-row .song").TextContent));
        Assert.Empty(page.FindAll("img"));
    }

    [Fact]
    public void SaysTheApiDidNotAnswerWhenItFails()
    {
        Api.Fails(ResponsesPath, 500, "The store failed");

        var page = Render<LiveFeed>();

        page.WaitForAssertion(() => Assert.Contains("The api did not answer", page.Markup));
        Assert.Contains("500", page.Markup);
        Assert.Empty(page.FindAll("tr.feed-row"));
    }

    [Fact]
    public void SaysTheApiDidNotAnswerWhenItIsDown()
    {
        Api.IsDown();

        var page = Render<LiveFeed>();

        page.WaitForAssertion(() => Assert.Contains("The api did not answer", page.Markup));
        Assert.Contains("Waiting for the first responses", page.Find("#feed-summary").TextContent);
    }

    [Fact]
    public void KeepsTheLastRowsWhenTheApiGoesDown()
    {
        Api.Returns(ResponsesPath, Responses(Response(1)));
        var page = Render<LiveFeed>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("tr.feed-row")));
        Api.IsDown();

        Time.Advance(LiveFeed.RefreshInterval);

        page.WaitForAssertion(() => Assert.Contains("Showing the last data received", page.Markup));
        Assert.Single(page.FindAll("tr.feed-row"));
    }

    [Fact]
    public void APushedAnswerShowsAtOnceAsNewWhileTheTimerDoesNotAskTheApi()
    {
        Events.IsConnected = true;
        var items = new List<SpotifyDashboard.Core.Contracts.ResponseItem> { Response(1) };
        Api.Returns(ResponsesPath, _ => Responses([.. items]));
        var page = Render<LiveFeed>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("tr.feed-row")));

        Time.Advance(LiveFeed.RefreshInterval);
        Settle();
        Time.Advance(LiveFeed.RefreshInterval);
        Settle();
        Assert.Single(Api.RequestsTo(ResponsesPath));

        items.Insert(0, Response(0));
        Push(StoreEvent.ResponseAdded, () => Api.RequestsTo(ResponsesPath).Count == 2);

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tr.feed-row").Count));
        Assert.Equal("2", page.Find("#feed-total").TextContent);
        var rows = page.FindAll("tr.feed-row");
        Assert.NotNull(rows[0].QuerySelector(".new-badge"));
        Assert.Null(rows[1].QuerySelector(".new-badge"));
    }

    [Fact]
    public void ANewAnswerStaysHighlightedOnlyForAWhile()
    {
        var items = new List<SpotifyDashboard.Core.Contracts.ResponseItem> { Response(1) };
        Api.Returns(ResponsesPath, _ => Responses([.. items]));
        var page = Render<LiveFeed>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("tr.feed-row")));
        items.Insert(0, Response(0));

        Time.Advance(LiveFeed.RefreshInterval);
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".new-badge")));

        AdvanceUntil(() => page.FindAll(".new-badge").Count == 0, LiveFeed.RefreshInterval, LiveFeed.NewHighlight * 2);
        Assert.Equal(2, page.FindAll("tr.feed-row").Count);
    }

    [Fact]
    public void PollsOnItsRefreshIntervalWhileTheStreamIsDown()
    {
        Api.Returns(ResponsesPath, Responses(Response(1)));
        var page = Render<LiveFeed>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("tr.feed-row")));

        Time.Advance(LiveFeed.RefreshInterval - TimeSpan.FromMilliseconds(100));
        Settle();
        Assert.Single(Api.RequestsTo(ResponsesPath));

        Time.Advance(TimeSpan.FromMilliseconds(100));

        Eventually(() => Assert.Equal(2, Api.RequestsTo(ResponsesPath).Count));
    }

    [Fact]
    public void ShowsTheJoinPanelBesideTheFeedWhenAFormIsSet()
    {
        Survey.FormUrl = "https://forms.gle/abc123";
        Api.Returns(ResponsesPath, Responses(Response(1)));

        var page = Render<LiveFeed>();

        Assert.Equal("forms.gle/abc123", page.Find(".live-side #join-panel .join-link").TextContent);
        Assert.NotEmpty(page.FindAll(".live-side .join-qr svg"));
    }
}
