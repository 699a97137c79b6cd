using SpotifyDashboard.Web.Components.Pages.TwinFinder;

namespace SpotifyDashboard.Web.Tests.Pages;

public sealed class TwinFinderTests : WebTestContext
{
    private const string TwinsOfR1 = "/api/twins/r1";
    private const string TwinsPath = "/api/twins";

    [Fact]
    public void WithoutAStudentItAsksNothingAndExplainsWhatToDo()
    {
        var page = Render<TwinFinder>();

        Assert.Contains("Search for a student above", page.Find("#twin-hint").TextContent);
        Assert.Empty(page.FindAll("#page-state"));
        Settle();
        Assert.Empty(Api.Requests);
    }

    [Fact]
    public void ADeepLinkShowsTheStudentTheirDnaScoreAndFiveTwins()
    {
        Api.Returns(TwinsOfR1, Twins());

        var page = Render<TwinFinder>(p => p.Add(c => c.ResponseId, "r1"));

        page.WaitForAssertion(() => Assert.Equal(5, page.FindAll("#twin-list .twin-card").Count));
        Assert.Equal("5", Api.LastRequestTo(TwinsOfR1).Param("k"));
        Assert.Equal("Quiet Otter", page.Find("#subject-title").TextContent);
        Assert.Contains("Dancing Queen", page.Find("#twin-subject .subject-song").TextContent);
        Assert.Equal("73", page.Find("#dna-score").TextContent);
        Assert.Contains("more unusual than most", page.Find(".dna-label").TextContent);
        Assert.Contains("DNA score = how far the song sits", page.Find(".formula").TextContent);
        var first = page.Find("#twin-list .twin-card");
        Assert.Equal("Teal Fox 1", first.QuerySelector(".twin-name")!.TextContent);
        Assert.Equal("90 % alike", first.QuerySelector(".twin-similarity")!.TextContent);
        Assert.Equal("because of energy, valence, danceability", first.QuerySelector(".twin-because")!.TextContent);
        Assert.Equal("true", first.GetAttribute("aria-pressed"));
        Assert.Equal(["#1", "#2", "#3", "#4", "#5"], page.FindAll(".twin-rank").Select(e => e.TextContent));
    }

    [Fact]
    public void ClassmatesWithTheSameSongAreListedOnceAsLinksNotAsTwins()
    {
        Api.Returns(TwinsOfR1, Twins(sameSong: [new("r9", "Amber <Owl>"), new("r12", "Grey Lynx")]));

        var page = Render<TwinFinder>(p => p.Add(c => c.ResponseId, "r1"));

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("#same-song")));
        var links = page.FindAll("#same-song a");
        Assert.Equal(["Amber <Owl>", "Grey Lynx"], links.Select(a => a.TextContent));
        Assert.Equal(["/twins/r9", "/twins/r12"], links.Select(a => a.GetAttribute("href")));
        Assert.Contains("Also chose this song", page.Find("#same-song").TextContent);
    }

    [Fact]
    public void AFavouriteOfManyNamesEightClassmatesAndCountsTheRest()
    {
        Api.Returns(TwinsOfR1, Twins(sameSong: [.. Enumerable.Range(1, 11).Select(i => new SameSongPeer($"r{i + 20}", $"Fan {i}"))]));

        var page = Render<TwinFinder>(p => p.Add(c => c.ResponseId, "r1"));

        page.WaitForAssertion(() => Assert.Equal(8, page.FindAll("#same-song a").Count));
        Assert.Contains("and 3 more", page.Find("#same-song").TextContent);
    }

    [Fact]
    public void WithoutClassmatesOnTheSameSongThereIsNoSuchLine()
    {
        Api.Returns(TwinsOfR1, Twins());

        var page = Render<TwinFinder>(p => p.Add(c => c.ResponseId, "r1"));

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("#twin-subject")));
        Assert.Empty(page.FindAll("#same-song"));
    }

    [Fact]
    public void ShowsLoadingWhileTheTwinsAreFound()
    {
        Api.Returns(TwinsOfR1, Twins()).Pause();

        var page = Render<TwinFinder>(p => p.Add(c => c.ResponseId, "r1"));

        page.WaitForAssertion(() => Assert.Contains("Loading", page.Find("#page-state").TextContent));
        Assert.Empty(page.FindAll("#twin-subject"));
        Assert.Empty(page.FindAll("#twin-hint"));

        Api.Resume();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("#twin-subject")));
        Assert.Empty(page.FindAll("#page-state"));
    }

    [Fact]
    public void SaysNoAnalysisYetWhenTheApiSaysSo()
    {
        Api.Fails(TwinsOfR1, 503, "No analysis yet");

        var page = Render<TwinFinder>(p => p.Add(c => c.ResponseId, "r1"));

        page.WaitForAssertion(() => Assert.Contains("The worker analyses the class", page.Find("#page-state").TextContent));
        Assert.Empty(page.FindAll("#twin-subject"));
    }

    [Fact]
    public void ShowsTheApisProblemForAnUnknownStudent()
    {
        Api.Fails("/api/twins/nobody", 404, "Unknown response", "No analysed answer has the id nobody.");

        var page = Render<TwinFinder>(p => p.Add(c => c.ResponseId, "nobody"));

        page.WaitForAssertion(() => Assert.Contains("No analysed answer has the id nobody.", page.Find("#page-state").TextContent));
        Assert.Empty(page.FindAll("#twin-subject"));
    }

    [Fact]
    public void SaysTheApiIsNotAnsweringWhenItIsDown()
    {
        Api.IsDown();

        var page = Render<TwinFinder>(p => p.Add(c => c.ResponseId, "r1"));

        page.WaitForAssertion(() => Assert.Contains("The api is not answering", page.Find("#page-state").OuterHtml));
        Assert.Empty(page.FindAll("#twin-subject"));
    }

    [Fact]
    public void SaysSoWhenNobodyElseHasAnAnalysedSong()
    {
        Api.Returns(TwinsOfR1, Twins(count: 0));

        var page = Render<TwinFinder>(p => p.Add(c => c.ResponseId, "r1"));

        page.WaitForAssertion(() => Assert.Contains("No twins yet", page.Markup));
        Assert.Empty(page.FindAll("#twin-list"));
        Assert.Empty(page.FindAll(".chart"));
    }

    [Fact]
    public void ComparesATypedSongByPostingItWithTheArtistAndK()
    {
        Api.Returns(TwinsPath, Twins(responseId: null, student: null, song: "Waterloo"));
        var page = Render<TwinFinder>();

        page.Find("#twin-song").Change(" Waterloo ");
        page.Find("#twin-artist").Change("ABBA");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Equal("Your song", page.Find("#subject-title").TextContent));
        var request = Api.LastRequestTo(TwinsPath);
        Assert.Equal(HttpMethod.Post, request.Method);
        var body = JsonNode.Parse(request.Body!)!;
        Assert.Equal("Waterloo", body["song"]!.GetValue<string>());
        Assert.Equal("ABBA", body["artist"]!.GetValue<string>());
        Assert.Equal(5, body["k"]!.GetValue<int>());
        Assert.Equal(5, page.FindAll("#twin-list .twin-card").Count);
    }

    [Fact]
    public void AsksForASongInsteadOfPostingAnEmptyOne()
    {
        var page = Render<TwinFinder>();

        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Contains("Type a song", page.Find("#page-state").OuterHtml));
        Assert.Empty(Api.Requests);
    }

    [Fact]
    public void TheRadarShowsTheSubjectNextToTheChosenTwinWithTheirNamesEncoded()
    {
        var answer = Twins(student: XssArtist);
        answer = answer with { Twins = [answer.Twins[0] with { Student = QuoteMajor }, .. answer.Twins.Skip(1)] };
        Api.Returns(TwinsOfR1, answer);
        var page = Render<TwinFinder>(p => p.Add(c => c.ResponseId, "r1"));
        Eventually(() => Assert.Single(Charts.Renders));
        Assert.Equal([XssArtistEncoded, QuoteMajorEncoded], Charts.Last["data"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()));
        FigureAssert.NoRawMarkup(Charts.Last);
        Assert.Equal(XssArtist, page.Find("#subject-title").TextContent);
        Assert.Empty(page.FindAll("b"));

        page.FindAll("#twin-list .twin-card")[2].Click();

        Eventually(() => Assert.Equal(2, Charts.Renders.Count));
        Assert.Equal("Teal Fox 3", Charts.Last["data"]![1]!["name"]!.GetValue<string>());
        Assert.Equal("true", page.FindAll("#twin-list .twin-card")[2].GetAttribute("aria-pressed"));
    }

    [Fact]
    public void FindsStudentsToPickOnceTheReaderPausesTyping()
    {
        Api.Returns("/api/data", DataSamples.Page([DataSamples.Row(7, student: "Teal Otter")]));
        var page = Render<TwinFinder>();

        page.Find("#twin-search").Input("teal");
        Assert.Empty(Api.Requests);
        Time.Advance(TimeSpan.FromMilliseconds(300));

        page.WaitForAssertion(() => Assert.Equal("/twins/r7", page.Find("#twin-candidates a").GetAttribute("href")));
        var request = Api.LastRequestTo("/api/data");
        Assert.Equal("teal", request.Param("q"));
        Assert.Equal("enriched", request.Param("state"));
    }

    [Fact]
    public void APushedSnapshotAsksAgainForTheSameStudentWhileTheTimerDoesNotAskTheApi()
    {
        Events.IsConnected = true;
        long version = 4;
        Api.Returns(TwinsOfR1, _ => Twins(version: version));
        var page = Render<TwinFinder>(p => p.Add(c => c.ResponseId, "r1"));
        Eventually(() => Assert.Single(Charts.Renders));

        Time.Advance(Dashboard.FallbackRefreshInterval);
        Settle();
        Assert.Single(Api.RequestsTo(TwinsOfR1));

        version = 5;
        Push(StoreEvent.SnapshotUpdated, () => Api.RequestsTo(TwinsOfR1).Count == 2);

        Eventually(() => Assert.Equal(2, Charts.Renders.Count));
        Assert.StartsWith("5-", Charts.Last["revision"]!.GetValue<string>());
    }

    [Fact]
    public void PollsOnTheFallbackIntervalWhileTheStreamIsDown()
    {
        Api.Returns(TwinsOfR1, Twins());
        var page = Render<TwinFinder>(p => p.Add(c => c.ResponseId, "r1"));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("#twin-subject")));

        Time.Advance(Dashboard.FallbackRefreshInterval);

        Eventually(() => Assert.Equal(2, Api.RequestsTo(TwinsOfR1).Count));
    }
}
