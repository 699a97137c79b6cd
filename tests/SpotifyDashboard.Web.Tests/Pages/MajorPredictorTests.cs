using SpotifyDashboard.Web.Components.Pages.MajorPredictor;

namespace SpotifyDashboard.Web.Tests.Pages;

public sealed class MajorPredictorTests : WebTestContext
{
    private const string ModelPath = "/api/model";
    private const string PredictPath = "/api/predict-major";

    [Fact]
    public void ShowsLoadingUntilTheModelIsKnown()
    {
        Api.Returns(ModelPath, Model()).Pause();

        var page = Render<MajorPredictor>();

        Assert.Contains("Loading", page.Find("#predict-model-state").TextContent);
        Assert.Empty(page.FindAll(".honesty-line"));

        Api.Resume();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll(".honesty-line")));
        Assert.Empty(page.FindAll("#predict-model-state"));
    }

    [Fact]
    public void PutsTheAccuracyNextToAlwaysGuessingTheMostCommonMajor()
    {
        Api.Returns(ModelPath, Model(accuracy: 0.72, baseline: 0.5));

        var page = Render<MajorPredictor>();

        page.WaitForAssertion(() => Assert.Equal(
            "Cross-validated accuracy 72 % — always guessing the most common major (Physics) gets 50 %.",
            page.Find(".honesty-line").TextContent));
        Assert.Empty(page.FindAll("#predict-guessing"));
    }

    [Theory]
    [InlineData(0.5, 0.5)]
    [InlineData(0.53, 0.5)]
    [InlineData(0.4, 0.5)]
    public void SaysTheModelIsGuessingWhenItDoesNotClearlyBeatTheBaseline(double accuracy, double baseline)
    {
        Api.Returns(ModelPath, Model(accuracy: accuracy, baseline: baseline));

        var page = Render<MajorPredictor>();

        page.WaitForAssertion(() => Assert.Contains("The model is guessing", page.Find("#predict-guessing").OuterHtml));
        Assert.Contains("always naming Physics", page.Find("#predict-guessing").TextContent);
    }

    [Fact]
    public void SaysWhyThereIsNotEnoughDataToTrainYet()
    {
        Api.Returns(ModelPath, NotEnoughData());

        var page = Render<MajorPredictor>();

        page.WaitForAssertion(() => Assert.Contains("Only one major has five students", page.Find("#predict-not-enough").TextContent));
        Assert.Contains("4 answers with a major and features so far", page.Find("#predict-not-enough").TextContent);
        Assert.Empty(page.FindAll(".honesty-line"));
    }

    [Fact]
    public void SaysNoAnalysisYetWhenTheApiSaysSo()
    {
        Api.Fails(ModelPath, 503, "No analysis yet");

        var page = Render<MajorPredictor>();

        page.WaitForAssertion(() => Assert.Contains("The worker analyses the class", page.Find("#predict-model-state").TextContent));
        Assert.Empty(page.FindAll(".honesty-line"));
        Assert.NotEmpty(page.FindAll("#predict-song"));
    }

    [Fact]
    public void ShowsTheApisProblemWhenTheModelCannotBeRead()
    {
        Api.Fails(ModelPath, 500, "The store failed", "Redis timed out.");

        var page = Render<MajorPredictor>();

        page.WaitForAssertion(() => Assert.Contains("Redis timed out.", page.Find("#predict-model-state").TextContent));
    }

    [Fact]
    public void SaysTheApiIsNotAnsweringWhenItIsDown()
    {
        Api.IsDown();

        var page = Render<MajorPredictor>();

        page.WaitForAssertion(() => Assert.Contains("The api is not answering", page.Find("#predict-model-state").OuterHtml));
    }

    [Fact]
    public void PostsTheSongAndShowsThePredictionWithItsProbabilities()
    {
        Api.Returns(ModelPath, Model()).Returns(PredictPath, Prediction(title: XssSong, artist: XssArtist));
        var page = Render<MajorPredictor>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll(".honesty-line")));

        page.Find("#predict-song").Change("  Dancing Queen ");
        page.Find("#predict-artist").Change("ABBA");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Equal("Physics", page.Find("#predict-major").TextContent));
        var body = JsonNode.Parse(Api.LastRequestTo(PredictPath).Body!)!;
        Assert.Equal("Dancing Queen", body["song"]!.GetValue<string>());
        Assert.Equal("ABBA", body["artist"]!.GetValue<string>());
        Assert.Contains("61 % confident", page.Find("#predict-result").TextContent);
        Assert.Equal(XssSong, page.Find("#predict-result .song").TextContent);
        Assert.Empty(page.FindAll("img"));

        Eventually(() => Assert.Single(Charts.Renders));
        var bars = Charts.Last["data"]![0]!;
        Assert.Equal(["Physics", "Biology", QuoteMajorEncoded], bars["y"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal([61.0, 25.0, 14.0], bars["x"]!.AsArray().Select(v => v!.GetValue<double>()));
        FigureAssert.NoRawMarkup(Charts.Last);
    }

    [Fact]
    public void SendsNoArtistWhenNoneIsTyped()
    {
        Api.Returns(ModelPath, Model()).Returns(PredictPath, Prediction());
        var page = Render<MajorPredictor>();

        page.Find("#predict-song").Change("Dancing Queen");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("#predict-result")));
        Assert.Null(JsonNode.Parse(Api.LastRequestTo(PredictPath).Body!)!["artist"]);
    }

    [Fact]
    public void AsksForASongInsteadOfPostingAnEmptyOne()
    {
        Api.Returns(ModelPath, Model()).Returns(PredictPath, Prediction());
        var page = Render<MajorPredictor>();

        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Contains("Type a song", page.Find("#predict-state").OuterHtml));
        Assert.Empty(Api.RequestsTo(PredictPath));
    }

    [Fact]
    public void ShowsWhyThereIsNoPredictionWhenThePredictorIsNotTrained()
    {
        Api.Returns(ModelPath, NotEnoughData())
            .Returns(PredictPath, Prediction() with { State = "not-enough-data", Reason = "Not enough answers yet.", Major = null, Confidence = null, Probabilities = [] });
        var page = Render<MajorPredictor>();

        page.Find("#predict-song").Change("Dancing Queen");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Contains("Not enough answers yet.", page.Find("#predict-result").TextContent));
        Assert.Empty(page.FindAll("#predict-major"));
        Assert.Empty(page.FindAll(".chart"));
    }

    [Fact]
    public void ShowsTheApisProblemWhenThePredictionFails()
    {
        Api.Returns(ModelPath, Model()).Fails(PredictPath, 404, "Song not found", "No track matched “Dancing Quen”.");
        var page = Render<MajorPredictor>();

        page.Find("#predict-song").Change("Dancing Quen");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Contains("No track matched", page.Find("#predict-state").TextContent));
        Assert.Empty(page.FindAll("#predict-result"));
    }

    [Fact]
    public void ShowsLoadingWhileThePredictionIsUnderWay()
    {
        Api.Returns(ModelPath, Model()).Returns(PredictPath, Prediction());
        var page = Render<MajorPredictor>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll(".honesty-line")));
        Api.Pause();

        page.Find("#predict-song").Change("Dancing Queen");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Contains("Loading", page.Find("#predict-state").TextContent));
        Api.Resume();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("#predict-major")));
    }

    [Fact]
    public void APushedSnapshotUpdatesTheHonestFiguresWhileTheTimerDoesNotAskTheApi()
    {
        Events.IsConnected = true;
        ModelAnswer model = Model(accuracy: 0.72);
        Api.Returns(ModelPath, _ => model);
        var page = Render<MajorPredictor>();
        page.WaitForAssertion(() => Assert.Contains("72 %", page.Find(".honesty-line").TextContent));

        Time.Advance(Dashboard.FallbackRefreshInterval);
        Settle();
        Assert.Single(Api.RequestsTo(ModelPath));

        model = Model(version: 5, accuracy: 0.51);
        Push(StoreEvent.SnapshotUpdated, () => Api.RequestsTo(ModelPath).Count == 2);

        page.WaitForAssertion(() => Assert.Contains("51 %", page.Find(".honesty-line").TextContent));
        Assert.NotEmpty(page.FindAll("#predict-guessing"));
    }

    [Fact]
    public void PollsOnTheFallbackIntervalWhileTheStreamIsDown()
    {
        Api.Returns(ModelPath, Model());
        var page = Render<MajorPredictor>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll(".honesty-line")));

        Time.Advance(Dashboard.FallbackRefreshInterval);

        Eventually(() => Assert.Equal(2, Api.RequestsTo(ModelPath).Count));
    }
}
