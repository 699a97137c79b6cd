using SpotifyDashboard.Web.Components.Pages.Admin;
using SpotifyTrack = SpotifyDashboard.Web.Components.Pages.Admin.SpotifyTrack;
using static SpotifyDashboard.Web.Tests.Pages.DataSamples;

namespace SpotifyDashboard.Web.Tests.Pages.Admin;

public sealed class UnmatchedTests : WebTestContext
{
    private const string Track = "https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC?si=x";

    private static UnmatchedReport Report(bool withSong = true) => new(withSong ? 2 : 1,
    [
        .. withSong ? new[] { new UnmatchedSong("Bohemian Rapsody", "Queen", 2, "No track found", "bohemian-rapsody|queen") } : [],
        new UnmatchedSong("Zzz", "Nobody", 1, "No track found", "zzz|nobody"),
    ]);

    [Fact]
    public void ListsEachSongWithItsArtistAndHowManyStudentsNamedIt()
    {
        Api.Returns("/api/unmatched", Report());

        var page = Render<Unmatched>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("#unmatched-table")));
        var cells = page.Find("#unmatched-bohemian-rapsody\\|queen").QuerySelectorAll("td").Select(td => td.TextContent).ToList();
        Assert.Equal(["Bohemian Rapsody", "Queen", "2"], cells.Take(3));
    }

    [Fact]
    public void MappingASongSavesTheOverrideThenFollowsItsAnswersUntilNoneIsPending()
    {
        var states = new[] { EnrichmentState.Pending, EnrichmentState.Pending };
        Api.Returns("/api/unmatched", Report())
            .Answers("/api/overrides", _ => new HttpResponseMessage(HttpStatusCode.Accepted)
            {
                Content = JsonContent.Create(new OverrideAccepted("bohemian-rapsody|queen", "4uLU6hMCjMI75M1A2tKUQC", 2), options: DashboardJson.Options),
            })
            // The store's answers (/api/responses), not the api's copy of the class (/api/data), which lags behind an override.
            .Returns("/api/data", _ => Page([Row(0, song: "Bohemian Rapsody", artist: "Queen", enrichment: EnrichmentState.Unmatched)]))
            .Returns("/api/responses", _ => Responses([.. states.Select((s, i) => Answer(i, "Bohemian Rapsody", "Queen", s)), Answer(9, "Bohemian Rapsody Live", "Queen", EnrichmentState.Unmatched)]));
        Events.IsConnected = true;
        var page = Render<Unmatched>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#unmatched-table")));

        page.Find("#track-bohemian-rapsody\\|queen").Change(Track);
        Api.Returns("/api/unmatched", Report(withSong: false));
        page.Find("#map-bohemian-rapsody\\|queen").ParentElement!.Submit();

        page.WaitForAssertion(() => Assert.Contains("0 of 2", page.Find("#mapping-bohemian-rapsody\\|queen-progress").TextContent));
        var sent = JsonDocument.Parse(Api.LastRequestTo("/api/overrides").Body!).RootElement;
        Assert.Equal("bohemian-rapsody|queen", sent.GetProperty("songKey").GetString());
        Assert.Equal(Track, sent.GetProperty("track").GetString());
        Assert.Equal(AdminKey, Api.LastRequestTo("/api/overrides").Header("X-Admin-Key"));
        Assert.Empty(page.FindAll("#unmatched-bohemian-rapsody\\|queen"));

        states[0] = EnrichmentState.Enriched;
        Push(StoreEvent.ResponsesEnriched, () => page.FindAll("#mapping-bohemian-rapsody\\|queen-progress").Any(p => p.TextContent.Contains("1 of 2")));

        states[1] = EnrichmentState.Enriched;
        Push(StoreEvent.ResponsesEnriched, () => page.FindAll("#mapping-bohemian-rapsody\\|queen-done").Count == 1);
        Assert.Contains("2 of 2 answers have their audio features", page.Find("#mapping-bohemian-rapsody\\|queen-done").TextContent);
    }

    private static ResponsePage Responses(IReadOnlyList<ResponseItem> items) => new(items.Count, items);

    private static ResponseItem Answer(int i, string song, string artist, EnrichmentState state) =>
        new($"r{i}", DateTimeOffset.UnixEpoch.AddMinutes(i), $"student-{i}", "Biology", "Junior", song, artist, state, null, null);

    [Fact]
    public void SomethingThatIsNotASpotifyTrackIsNotSent()
    {
        Api.Returns("/api/unmatched", Report());
        var page = Render<Unmatched>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#unmatched-table")));

        page.Find("#track-zzz\\|nobody").Change("https://evil.example/track/4uLU6hMCjMI75M1A2tKUQC");
        page.Find("#map-zzz\\|nobody").ParentElement!.Submit();

        Assert.Contains("Spotify track link", page.Find("#map-zzz\\|nobody-error").TextContent);
        Assert.Empty(Api.RequestsTo("/api/overrides"));
    }

    [Theory]
    [InlineData("https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC", true)]
    [InlineData("https://open.spotify.com/intl-de/track/4uLU6hMCjMI75M1A2tKUQC?si=abc", true)]
    [InlineData("spotify:track:4uLU6hMCjMI75M1A2tKUQC", true)]
    [InlineData("4uLU6hMCjMI75M1A2tKUQC", true)]
    [InlineData("https://open.spotify.com/album/4uLU6hMCjMI75M1A2tKUQC", false)]
    [InlineData("4uLU6hMC", false)]
    [InlineData("", false)]
    public void RecognisesSpotifyTrackLinksUrisAndIds(string value, bool track) => Assert.Equal(track, SpotifyTrack.LooksLikeTrack(value));
}
