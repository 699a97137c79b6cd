using SpotifyDashboard.Web.Components.Pages.ModelQuality;

namespace SpotifyDashboard.Web.Tests.Pages;

public sealed class ModelQualityTests : WebTestContext
{
    private const string ModelPath = "/api/model";

    [Fact]
    public void ShowsLoadingUntilTheApiAnswersThenTheTiles()
    {
        Api.Returns(ModelPath, Model()).Pause();

        var page = Render<ModelQuality>();

        Assert.Contains("Loading", page.Find("#page-state").TextContent);
        Assert.Empty(page.FindAll("#model-tiles"));

        Api.Resume();

        page.WaitForAssertion(() => Assert.Equal("72 %", page.Find("#model-accuracy").TextContent));
        Assert.Contains("version 4 of the live survey", page.Find("#model-version").TextContent);
    }

    [Fact]
    public void SaysNoAnalysisYetWhenTheApiSaysSo()
    {
        Api.Fails(ModelPath, 503, "No analysis yet");

        var page = Render<ModelQuality>();

        page.WaitForAssertion(() => Assert.Contains("The worker analyses the class", page.Find("#page-state").TextContent));
        Assert.Empty(page.FindAll("#model-facts"));
    }

    [Fact]
    public void SaysWhyThereIsNotEnoughDataAndDrawsNoCharts()
    {
        Api.Returns(ModelPath, NotEnoughData());

        var page = Render<ModelQuality>();

        page.WaitForAssertion(() => Assert.Contains("Only one major has five students", page.Find("#model-not-enough").TextContent));
        Assert.Contains("4 answers with a major", page.Find("#model-not-enough").TextContent);
        Assert.Empty(page.FindAll("#model-tiles"));
        Assert.Empty(page.FindAll(".chart"));
        Assert.NotEmpty(page.FindAll("#model-facts"));
        Settle();
        Assert.Empty(Charts.Renders);
    }

    [Fact]
    public void ShowsTheApisProblemWhenItFails()
    {
        Api.Fails(ModelPath, 500, "The store failed", "Redis timed out.");

        var page = Render<ModelQuality>();

        page.WaitForAssertion(() => Assert.Contains("Redis timed out.", page.Find("#page-state").TextContent));
        Assert.Empty(page.FindAll("#model-tiles"));
    }

    [Fact]
    public void SaysTheApiIsNotAnsweringWhenItIsDown()
    {
        Api.IsDown();

        var page = Render<ModelQuality>();

        page.WaitForAssertion(() => Assert.Contains("The api is not answering", page.Find("#page-state").OuterHtml));
        Assert.Empty(page.FindAll("#model-tiles"));
    }

    [Fact]
    public void DrawsTheConfusionMatrixAsRowSharesWithTheCountsInTheHover()
    {
        Api.Returns(ModelPath, Model());

        var page = Render<ModelQuality>();

        Eventually(() => Assert.Equal(2, Charts.Renders.Count));
        var heatmap = Assert.Single(Charts.Figures, f => f["data"]![0]!["type"]!.GetValue<string>() == "heatmap")["data"]![0]!;
        Assert.Equal(
            [[0.6, 0.3, 0.1], [0.1667, 0.75, 0.0833], [0.0, 0.0, 0.0]],
            heatmap["z"]!.AsArray().Select(row => row!.AsArray().Select(v => v!.GetValue<double>()).ToArray()));
        Assert.Equal(
            [[6.0, 3.0, 1.0], [2.0, 9.0, 1.0], [0.0, 0.0, 0.0]],
            heatmap["customdata"]!.AsArray().Select(row => row!.AsArray().Select(v => v!.GetValue<double>()).ToArray()));
        Assert.Equal(["Biology", "Physics", QuoteMajorEncoded], heatmap["x"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.All(Charts.Figures, f => FigureAssert.NoRawMarkup(f));
        Assert.Equal(["energy", "valence"], Charts.LastFigureOf("importance-")["data"]![0]!["y"]!.AsArray().Select(v => v!.GetValue<string>()));
        // The table under the matrix has the counts as text.
        Assert.Equal(QuoteMajor, page.FindAll(".chart-table tbody tr")[2].Children[0].TextContent);
    }

    [Fact]
    public void WarnsWhenThePredictorIsNotClearlyBetterThanTheBaseline()
    {
        Api.Returns(ModelPath, Model(accuracy: 0.53, baseline: 0.5));

        var page = Render<ModelQuality>();

        page.WaitForAssertion(() => Assert.Contains("Not clearly better than guessing", page.Find("#model-guessing").OuterHtml));
    }

    [Fact]
    public void DoesNotWarnWhenThePredictorIsClearlyBetter()
    {
        Api.Returns(ModelPath, Model(accuracy: 0.72, baseline: 0.5));

        var page = Render<ModelQuality>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("#model-tiles")));
        Assert.Empty(page.FindAll("#model-guessing"));
    }

    [Fact]
    public void AChartThatCannotBeDrawnSaysSoAndTheRestOfThePageWorks()
    {
        Charts.Fail();
        Api.Returns(ModelPath, Model());

        var page = Render<ModelQuality>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".chart-error").Count));
        Assert.Contains("This chart could not be drawn", page.Find(".chart-error").OuterHtml);
        Assert.Equal("72 %", page.Find("#model-accuracy").TextContent);
        Assert.NotEmpty(page.FindAll("#model-facts"));
    }

    [Fact]
    public void APushedSnapshotReloadsAndRedrawsWhileTheTimerDoesNotAskTheApi()
    {
        Events.IsConnected = true;
        long version = 4;
        Api.Returns(ModelPath, _ => Model(version: version));
        var page = Render<ModelQuality>();
        Eventually(() => Assert.Equal(2, Charts.Renders.Count));

        Time.Advance(Dashboard.FallbackRefreshInterval);
        Settle();
        Assert.Single(Api.RequestsTo(ModelPath));

        version = 5;
        Push(StoreEvent.SnapshotUpdated, () => Api.RequestsTo(ModelPath).Count == 2);

        page.WaitForAssertion(() => Assert.Contains("version 5", page.Find("#model-version").TextContent));
        Eventually(() => Assert.Equal(4, Charts.Renders.Count));
        Assert.Equal(["5", "importance-5"], Charts.Figures.Skip(2).Select(f => f["revision"]!.GetValue<string>()).Order());
    }

    [Fact]
    public void PollsOnTheFallbackIntervalWhileTheStreamIsDownWithoutRedrawingTheSameModel()
    {
        Api.Returns(ModelPath, Model());
        var page = Render<ModelQuality>();
        Eventually(() => Assert.Equal(2, Charts.Renders.Count));

        Time.Advance(Dashboard.FallbackRefreshInterval);

        Eventually(() => Assert.Equal(2, Api.RequestsTo(ModelPath).Count));
        Settle();
        Assert.Equal(2, Charts.Renders.Count);
    }
}
