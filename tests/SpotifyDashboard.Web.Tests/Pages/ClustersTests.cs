using SpotifyDashboard.Web.Components.Pages.Clusters;

namespace SpotifyDashboard.Web.Tests.Pages;

public sealed class ClustersTests : WebTestContext
{
    private const string ClustersPath = "/api/clusters";

    [Fact]
    public void ShowsLoadingUntilTheApiAnswersThenTheChartAndCards()
    {
        Api.Returns(ClustersPath, Clusters()).Pause();

        var page = Render<Clusters>();

        Assert.Contains("Loading", page.Find("#page-state").TextContent);
        Assert.Empty(page.FindAll("#chart-clusters"));

        Api.Resume();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("#cluster-cards .cluster-card").Count));
        Assert.Contains("2 clusters of 3 students · silhouette 0.41", page.Find("#clusters-summary").TextContent);
        Assert.Equal("Chill acoustic", page.Find("#cluster-0 h3").TextContent);
        Eventually(() => Assert.Single(Charts.Renders));
    }

    [Fact]
    public void SaysNoAnalysisYetWhenTheApiSaysSo()
    {
        Api.Fails(ClustersPath, 503, "No analysis yet");

        var page = Render<Clusters>();

        page.WaitForAssertion(() => Assert.Contains("The worker analyses the class", page.Find("#page-state").TextContent));
        Assert.Empty(page.FindAll("#chart-clusters"));
    }

    [Fact]
    public void ShowsTheApisProblemWhenItFails()
    {
        Api.Fails(ClustersPath, 500, "The store failed", "Redis timed out.");

        var page = Render<Clusters>();

        page.WaitForAssertion(() => Assert.Contains("Redis timed out.", page.Find("#page-state").TextContent));
        Assert.Empty(page.FindAll("#cluster-cards"));
    }

    [Fact]
    public void SaysTheApiIsNotAnsweringWhenItIsDown()
    {
        Api.IsDown();

        var page = Render<Clusters>();

        page.WaitForAssertion(() => Assert.Contains("The api is not answering", page.Find("#page-state").OuterHtml));
        Assert.Empty(page.FindAll("#cluster-cards"));
    }

    [Fact]
    public void DrawsOneTracePerClusterWithTheUsersTextEncoded()
    {
        Api.Returns(ClustersPath, Clusters());

        var page = Render<Clusters>();

        Eventually(() => Assert.Single(Charts.Renders));
        var traces = Charts.Last["data"]!.AsArray();
        Assert.Equal(["Chill acoustic (2)", "Loud and fast (1)"], traces.Select(t => t!["name"]!.GetValue<string>()));
        var first = traces[0]!["customdata"]![0]!.AsArray().Select(v => v!.GetValue<string>()).ToArray();
        Assert.Equal(["Student r1", XssSongEncoded, XssArtistEncoded, "Physics", "2", "r1"], first);
        Assert.Equal(QuoteMajorEncoded, traces[0]!["customdata"]![1]![3]!.GetValue<string>());
        FigureAssert.NoRawMarkup(Charts.Last);
    }

    [Fact]
    public void ColouringByMajorNamesTheTracesAfterTheMajors()
    {
        Api.Returns(ClustersPath, Clusters());
        var page = Render<Clusters>();
        Eventually(() => Assert.Single(Charts.Renders));

        page.Find("#clusters-colour").Change("major");

        Eventually(() => Assert.Equal(2, Charts.Renders.Count));
        Assert.Equal(["Physics (2)", $"{QuoteMajorEncoded} (1)"], Charts.Last["data"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()));
        FigureAssert.NoRawMarkup(Charts.Last);
    }

    [Fact]
    public void The2DViewDrawsFlatTracesAnd3DDrawsThemInSpace()
    {
        Api.Returns(ClustersPath, Clusters());
        var page = Render<Clusters>();
        Eventually(() => Assert.Single(Charts.Renders));
        Assert.All(Charts.Last["data"]!.AsArray(), t => Assert.Equal("scatter3d", t!["type"]!.GetValue<string>()));
        Assert.NotNull(Charts.Last["layout"]!["scene"]);

        page.Find("#clusters-view").Change("2d");

        Eventually(() => Assert.Equal(2, Charts.Renders.Count));
        Assert.All(Charts.Last["data"]!.AsArray(), t => Assert.Equal("scatter", t!["type"]!.GetValue<string>()));
        Assert.Null(Charts.Last["layout"]!["scene"]);

        page.Find("#clusters-view").Change("3d");

        Eventually(() => Assert.Equal(3, Charts.Renders.Count));
        Assert.All(Charts.Last["data"]!.AsArray(), t => Assert.Equal("scatter3d", t!["type"]!.GetValue<string>()));
    }

    [Fact]
    public void ANewSnapshotRedrawsButKeepsTheCameraUntilResetView()
    {
        long version = 4;
        Api.Returns(ClustersPath, _ => Clusters(version: version));
        var page = Render<Clusters>();
        Eventually(() => Assert.Single(Charts.Renders));
        var camera = UiRevision(Charts.Last);

        // The same snapshot again: nothing to redraw.
        Time.Advance(Dashboard.FallbackRefreshInterval);
        Eventually(() => Assert.Equal(2, Api.RequestsTo(ClustersPath).Count));
        Settle();
        Assert.Single(Charts.Renders);

        version = 5;
        AdvanceUntil(() => Api.RequestsTo(ClustersPath).Count >= 3, TimeSpan.FromSeconds(1), Dashboard.FallbackRefreshInterval * 10);

        Eventually(() => Assert.Equal(2, Charts.Renders.Count));
        Assert.Equal(camera, UiRevision(Charts.Last));
        Assert.NotEqual(Charts.Figures[0]["revision"]!.GetValue<string>(), Charts.Last["revision"]!.GetValue<string>());

        page.Find("#clusters-reset").Click();

        Eventually(() => Assert.Equal(3, Charts.Renders.Count));
        Assert.NotEqual(camera, UiRevision(Charts.Last));
    }

    [Fact]
    public void AChartThatCannotBeDrawnSaysSoAndTheCardsStillShow()
    {
        Charts.Fail();
        Api.Returns(ClustersPath, Clusters());

        var page = Render<Clusters>();

        page.WaitForAssertion(() => Assert.Contains("This chart could not be drawn", page.Find(".chart-error").OuterHtml));
        Assert.Equal(2, page.FindAll("#cluster-cards .cluster-card").Count);
        Assert.NotEmpty(page.FindAll("#clusters-colour"));
    }

    [Fact]
    public void APushedSnapshotReloadsAndRedrawsWhileTheTimerDoesNotAskTheApi()
    {
        Events.IsConnected = true;
        long version = 4;
        Api.Returns(ClustersPath, _ => Clusters(version: version));
        var page = Render<Clusters>();
        Eventually(() => Assert.Single(Charts.Renders));

        Time.Advance(Dashboard.FallbackRefreshInterval);
        Settle();
        Assert.Single(Api.RequestsTo(ClustersPath));

        version = 5;
        Push(StoreEvent.SnapshotUpdated, () => Api.RequestsTo(ClustersPath).Count == 2);

        Eventually(() => Assert.Equal(2, Charts.Renders.Count));
        Assert.StartsWith("5-", Charts.Last["revision"]!.GetValue<string>());
    }

    [Fact]
    public void IgnoresPushedEventsThatDoNotChangeTheAnalysis()
    {
        Events.IsConnected = true;
        Api.Returns(ClustersPath, Clusters());
        var page = Render<Clusters>();
        Eventually(() => Assert.Single(Charts.Renders));

        Events.Publish(StoreEvent.ResponseAdded);
        Time.Advance(TimeSpan.FromSeconds(1));
        Settle();

        Assert.Single(Api.RequestsTo(ClustersPath));
    }

    [Fact]
    public void PollsOnTheFallbackIntervalWhileTheStreamIsDown()
    {
        Api.Returns(ClustersPath, Clusters());
        var page = Render<Clusters>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("#cluster-cards")));

        Time.Advance(Dashboard.FallbackRefreshInterval);

        Eventually(() => Assert.Equal(2, Api.RequestsTo(ClustersPath).Count));
    }

    private static string UiRevision(System.Text.Json.Nodes.JsonObject figure) => figure["layout"]!["uirevision"]!.GetValue<string>();
}
