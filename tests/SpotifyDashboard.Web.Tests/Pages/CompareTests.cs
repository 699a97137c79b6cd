using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using SpotifyDashboard.Web.Components.Pages.Compare;
using SpotifyDashboard.Core.Configuration;

namespace SpotifyDashboard.Web.Tests.Pages;

public sealed class CompareTests : WebTestContext
{
    private const string AccessToken = "access-token-for-the-page";

    private readonly MemorySpotifySessionStore _store = new();

    public CompareTests()
    {
        Services.AddSingleton(Options.Create(SignIn));
        Services.AddSingleton<ISpotifySessionStore>(_store);
        Services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        Services.AddSingleton<IHttpContextAccessor, HttpContextAccessor>();
        Services.AddSingleton(sp => new SpotifyAccountsClient(new HttpClient(Api, disposeHandler: false), Options.Create(SignIn), Time));
        Services.AddSingleton(sp => new SpotifySessions(_store, sp.GetRequiredService<IDataProtectionProvider>(), sp.GetRequiredService<SpotifyAccountsClient>(), Time, NullLogger<SpotifySessions>.Instance));
        Services.AddSingleton<SpotifyListener>();
        Services.AddSingleton(sp => new SpotifyTopTracks(new HttpClient(Api, disposeHandler: false), Options.Create(SignIn), sp.GetRequiredService<SpotifySessions>()));
    }

    private SpotifyOptions SignIn { get; } = new() { ClientId = "page-client-id" };

    [Fact]
    public void WithoutAClientIdThePageSaysHowToConfigureTheSignIn()
    {
        SignIn.ClientId = null;

        var page = Render<Compare>();

        var help = page.Find("#compare-not-configured").TextContent;
        Assert.Contains("spotify-client-id", help);
        Assert.Contains("http://127.0.0.1:5080/auth/spotify/callback", help);
        Assert.Contains("5 users", help);
        Assert.Empty(page.FindAll("#spotify-signin"));
    }

    [Fact]
    public void SignedOutThePageOffersTheSpotifySignInButNoDemoOutsideDemoMode()
    {
        Api.Returns("/api/status", Status(StatusReport.LiveMode));

        var page = Render<Compare>();

        page.WaitForAssertion(() => Assert.Equal("/auth/spotify/signin", page.Find("#spotify-signin").GetAttribute("href")));
        Assert.Empty(page.FindAll("#compare-demo"));
        Assert.Empty(page.FindAll("#compare-mine"));
    }

    [Fact]
    public void InDemoModeTheDemoListenerIsComparedWithTheClass()
    {
        Api.Returns("/api/status", Status(StatusReport.DemoMode));
        Api.Returns("/api/compare", Answer());
        var page = Render<Compare>();

        page.WaitForElement("#compare-demo").Click();

        page.WaitForAssertion(() => Assert.Equal("Night owls", page.Find("#my-cluster").TextContent));
        var request = JsonDocument.Parse(Api.LastRequestTo("/api/compare").Body!).RootElement;
        Assert.True(request.GetProperty("demoListener").GetBoolean());
        Assert.Equal(5, page.FindAll("#my-twins li").Count);
        Assert.Contains("Student 1", page.Find("#my-twins").TextContent);
        Assert.Contains("cross-validated accuracy 62 % — always guessing the most common major 30 %", page.Find("#my-prediction").TextContent);
    }

    [Fact]
    public void TheListenerIsAHighlightedPointOfTheirOwnOnTheClassMap()
    {
        Api.Returns("/api/status", Status(StatusReport.DemoMode));
        Api.Returns("/api/compare", Answer());
        Api.Returns("/api/clusters", AnalysisSamples.Clusters());
        var page = Render<Compare>();

        page.WaitForElement("#compare-demo").Click();

        Eventually(() => Assert.NotEmpty(Charts.Renders));
        var traces = Charts.Last["data"]!.AsArray().Select(t => t!.AsObject()).ToList();
        var me = Assert.Single(traces, t => t["name"]!.GetValue<string>() == "You (1)");
        Assert.Equal(0.5, me["x"]![0]!.GetValue<double>());
        Assert.Equal(-0.2, me["y"]![0]!.GetValue<double>());
        var ring = Assert.Single(traces, t => t["name"]!.GetValue<string>() == "Selected");
        Assert.Equal(0.5, ring["x"]![0]!.GetValue<double>());
    }

    [Fact]
    public void TypedSongsAreSentByTitleAndArtistWithoutSigningIn()
    {
        Api.Returns("/api/status", Status(StatusReport.LiveMode));
        Api.Returns("/api/compare", Answer() with { MissingTrackIds = ["No Such Song — Nobody"] });
        var page = Render<Compare>();

        page.Find("#typed-songs").Change("Dancing Queen — ABBA\n\n  Take On Me - a-ha \nNo Such Song — Nobody\nJust A Title");
        page.Find("form.typed-songs").Submit();

        page.WaitForAssertion(() => Assert.Equal("Night owls", page.Find("#my-cluster").TextContent));
        var songs = JsonDocument.Parse(Api.LastRequestTo("/api/compare").Body!).RootElement.GetProperty("songs").EnumerateArray()
            .Select(e => (e.GetProperty("song").GetString(), e.GetProperty("artist").GetString())).ToList();
        Assert.Equal([("Dancing Queen", "ABBA"), ("Take On Me", "a-ha"), ("No Such Song", "Nobody"), ("Just A Title", null)], songs);
        Assert.Contains("No Such Song — Nobody", page.Find("#missing-tracks").TextContent);
    }

    [Theory]
    [InlineData("", "at least one song")]
    [InlineData("a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk", "Up to 10 songs at a time; you typed 11")]
    public void TooFewOrTooManyTypedSongsAreExplainedAndNotSent(string typed, string message)
    {
        Api.Returns("/api/status", Status(StatusReport.LiveMode));
        var page = Render<Compare>();

        page.Find("#typed-songs").Change(typed);
        page.Find("form.typed-songs").Submit();

        page.WaitForAssertion(() => Assert.Contains(message, page.Find("#input-problem").TextContent));
        Assert.Empty(Api.RequestsTo("/api/compare"));
    }

    [Fact]
    public void AnExportFileIsSentAsItIsAndWhatWasReadIsShown()
    {
        Api.Returns("/api/status", Status(StatusReport.LiveMode));
        Api.Returns("/api/compare/file", Answer() with { Input = "Streaming history: 120 entries, compared by the 10 songs played most." });
        var page = Render<Compare>();
        const string History = """[{"endTime":"2026-11-01 09:00","artistName":"ABBA","trackName":"Dancing Queen","msPlayed":200000}]""";

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(History, "StreamingHistory_music_0.json"));

        page.WaitForAssertion(() => Assert.Contains("120 entries", page.Find("#compare-input").TextContent));
        Assert.Equal(History, Api.LastRequestTo("/api/compare/file").Body);
    }

    [Fact]
    public async Task SignedInTheListenersTopTrackIdsAreSentAndTheResultShown()
    {
        await SignInAsync();
        Api.Answers("/v1/me/top/tracks", request => request.Header("Authorization") == $"Bearer {AccessToken}"
            ? new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = JsonContent.Create(new { items = new[] { new { id = "t1", name = "One", artists = new[] { new { name = "A" } } }, new { id = "t2", name = "Two", artists = new[] { new { name = "B" } } } } }),
            }
            : new HttpResponseMessage(HttpStatusCode.Unauthorized));
        Api.Returns("/api/compare", Answer());
        var page = Render<Compare>();

        page.Find("#time-range").Change("short_term");
        page.Find("#compare-mine").Click();

        page.WaitForAssertion(() => Assert.Equal("73", page.Find("#my-dna-score").TextContent));
        Assert.Equal("short_term", Api.LastRequestTo("/v1/me/top/tracks").Param("time_range"));
        Assert.Equal("20", Api.LastRequestTo("/v1/me/top/tracks").Param("limit"));
        var request = JsonDocument.Parse(Api.LastRequestTo("/api/compare").Body!).RootElement;
        Assert.Equal(["t1", "t2"], request.GetProperty("trackIds").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("Student 2", page.Find("#my-tracks").TextContent);
        Assert.DoesNotContain(AccessToken, page.Markup);
        Assert.DoesNotContain(AccessToken, Api.LastRequestTo("/api/compare").Body!);
    }

    [Fact]
    public async Task WhenTheApiFailsThePageSaysSo()
    {
        await SignInAsync();
        Api.Answers("/v1/me/top/tracks", _ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = JsonContent.Create(new { items = new[] { new { id = "t1", name = "One", artists = new[] { new { name = "A" } } } } }),
        });
        Api.Fails("/api/compare", 503, "No analysis yet", "The worker has not analysed the class yet.");
        var page = Render<Compare>();

        page.Find("#compare-mine").Click();

        page.WaitForAssertion(() => Assert.Contains("No analysis yet", page.Find("#page-state").TextContent));
        Assert.Empty(page.FindAll("#compare-result"));
    }

    [Fact]
    public async Task ASpotifyProblemIsShownAndNothingIsSentToTheApi()
    {
        await SignInAsync();
        Api.Answers("/v1/me/top/tracks", _ => new HttpResponseMessage(HttpStatusCode.Forbidden)
        {
            Content = new StringContent("Check settings on developer.spotify.com/dashboard, the user may not be registered."),
        });
        var page = Render<Compare>();

        page.Find("#compare-mine").Click();

        page.WaitForAssertion(() => Assert.Contains("development mode", page.Find("#spotify-problem").TextContent));
        Assert.Empty(Api.RequestsTo("/api/compare"));
    }

    [Fact]
    public void TheCallbacksOutcomeIsExplained()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(navigation.GetUriWithQueryParameter("signin", "state"));

        var page = Render<Compare>();

        Assert.Contains("Nobody is signed in", page.Find("#signin-message").TextContent);
    }

    private async Task SignInAsync()
    {
        var sessions = Services.GetRequiredService<SpotifySessions>();
        var cookie = await sessions.StartAsync(new SpotifyTokens(AccessToken, "refresh-token-for-the-page", Time.GetUtcNow().AddHours(1)));
        Services.GetRequiredService<SpotifyListener>().UseCookie(cookie);
    }

    private static StatusReport Status(string mode) => new(mode, mode, 40, null, [], null, null);

    private static CompareAnswer Answer() => new(
        Version: 3,
        Tracks: [new CompareTrack("t1", "One", "A", new AudioFeatures(), 0.91, "Student 2"), new CompareTrack("t2", "Two", "B", new AudioFeatures(), 0.5, null)],
        MissingTrackIds: [],
        Taste: new AudioFeatures(),
        Cluster: new CompareCluster(1, "Night owls"),
        Point: new ComparePoint(0.5, -0.2, 0.1),
        DnaScore: 73,
        Twins: [.. Enumerable.Range(1, 5).Select(i => new TwinMatch($"r{i}", "Biology", 0.9 - i / 20.0, [new TwinFeature("energy", 0.3)], $"Student {i}", $"Song {i}", $"Artist {i}", null))],
        Prediction: new ComparePrediction("ok", null, "Biology", 0.4, 0.62, 0.30),
        DnaFormula: "DNA = mean of the features");
}
