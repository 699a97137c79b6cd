using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace SpotifyDashboard.AppTests;

/// <summary>
/// "Compare me" end to end: a listener signs in with Spotify (authorization code with PKCE, through the fake Spotify's
/// approving authorize page), lands back on <c>/compare</c> signed in, compares their top tracks and sees their
/// cluster and their twins under pseudonyms. The access token stays on the server: no page's HTML carries it.
/// </summary>
[Collection(CsvClassCollection.Name)]
public sealed class CompareSignInBrowserTests(CsvClassAppFixture fixture) : IAsyncLifetime
{
    private IBrowserContext _context = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        _context = await BrowserSession.NewContextAsync();
        _page = await _context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
    }

    [Fact]
    public async Task AListenerSignsInWithSpotifyAndComparesTheirTopTracks()
    {
        var problems = PageProblems.Watch(_page);
        var html = new List<string>();

        problems.At("/compare signed out");
        await _page.GotoAsync(Url("/compare"));
        var signIn = _page.Locator("#spotify-signin");
        await signIn.WaitForAsync(new() { Timeout = PageWaits.PageTimeoutMs });
        Assert.Equal("Sign in with Spotify", (await signIn.InnerTextAsync()).Trim());

        // Sign-in → the fake authorize page (approves at once) → the callback → /compare.
        problems.At("sign-in");
        await signIn.ClickAsync();
        await _page.WaitForURLAsync(u => new Uri(u).AbsolutePath == "/compare" && !u.Contains("signin=", StringComparison.Ordinal),
            new() { Timeout = PageWaits.PageTimeoutMs });
        problems.At("/compare signed in");
        var compare = _page.Locator("#compare-mine");
        await compare.WaitForAsync(new() { Timeout = PageWaits.PageTimeoutMs });
        Assert.Equal(0, await _page.Locator("#signin-message").CountAsync());
        Assert.Single(fixture.Fakes.ListenerAccessTokens);
        html.Add(await _page.ContentAsync());

        await PageWaits.WaitForInteractiveAsync(_page);
        await compare.ClickAsync();
        var cluster = _page.Locator("#my-cluster");
        await cluster.WaitForAsync(new() { Timeout = PageWaits.PageTimeoutMs });
        Assert.False(string.IsNullOrWhiteSpace(await cluster.InnerTextAsync()));
        await PageWaits.Wait3DPlotAsync(_page, "chart-compare");

        var twins = await _page.Locator("#my-twins li").AllInnerTextsAsync();
        Assert.NotEmpty(twins);
        Assert.Equal(0, await _page.Locator("#spotify-problem").CountAsync());
        // One row per top track, named as Spotify answered (the api looked features up by id only).
        Assert.Equal(3, await _page.Locator("#my-tracks tbody tr").CountAsync());
        var tracks = await _page.InnerTextAsync("#my-tracks");
        var songs = CsvClassAppFixture.ListenerSongs.Select(CsvClassAppFixture.SongOf).ToList();
        Assert.All(songs, s => Assert.Contains($"{s.Title} — {s.Artist}", tracks));

        // The twins are the class's nearest answers to the listener's mean taste, as the api places it.
        var placed = await fixture.Api.PostAsJsonAsync("/api/compare", new { trackIds = songs.Select(s => MusicServiceFakes.TrackIdFor(s.Title, s.Artist)) });
        var expected = (await placed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("twins").EnumerateArray()
            .Select(t => $"{t.GetProperty("student").GetString()} · {t.GetProperty("song").GetString()} — {t.GetProperty("artist").GetString()}")
            .ToList();
        Assert.Equal(expected.Count, twins.Count);
        Assert.All(expected.Zip(twins), pair => Assert.StartsWith(pair.First, pair.Second.Trim()));
        var twinText = string.Join("\n", twins);

        // Twins by pseudonym: no classmate's real name is shown.
        Assert.All(twins, t => Assert.Matches(@"^[A-Z][a-z]+ [A-Z][a-z]+ [0-9a-f]{4} · ", t));
        var shown = twinText + "\n" + tracks;
        for (var i = 0; i < CsvClassAppFixture.ClassSize; i++)
        {
            Assert.DoesNotContain(CsvClassAppFixture.NameOf(i), shown);
        }

        html.Add(await _page.ContentAsync());
        var token = Assert.Single(fixture.Fakes.ListenerAccessTokens);
        Assert.All(html, page => Assert.DoesNotContain(token, page));
        Assert.DoesNotContain((await _page.Context.CookiesAsync()).Select(c => c.Value), v => v.Contains(token, StringComparison.Ordinal));

        problems.AssertNone();
    }

    [Fact]
    public async Task AListenerWithoutSpotifyTypesSongsAndSeesWhereTheySit()
    {
        var problems = PageProblems.Watch(_page);
        var songs = CsvClassAppFixture.ListenerSongs.Select(CsvClassAppFixture.SongOf).ToList();
        await _page.GotoAsync(Url("/compare"));
        await _page.Locator("#typed-songs").WaitForAsync(new() { Timeout = PageWaits.PageTimeoutMs });
        await PageWaits.WaitForInteractiveAsync(_page);

        await _page.FillAsync("#typed-songs", string.Join("\n", songs.Select(s => $"{s.Title} — {s.Artist}").Append("No Such Song — Nobody")));
        await _page.ClickAsync("#compare-typed");

        await _page.Locator("#my-cluster").WaitForAsync(new() { Timeout = PageWaits.PageTimeoutMs });
        // The page shows the api's own answer for the same songs (the same songs as ids: Api.Tests, in demo mode).
        var placed = await fixture.Api.PostAsJsonAsync("/api/compare", new
        {
            songs = songs.Select(s => new { song = s.Title, artist = s.Artist }).Append(new { song = "No Such Song", artist = "Nobody" }),
        });
        var bySongs = await placed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(bySongs.GetProperty("cluster").GetProperty("name").GetString(), (await _page.InnerTextAsync("#my-cluster")).Trim());
        var twins = await _page.Locator("#my-twins li").AllInnerTextsAsync();
        var expected = bySongs.GetProperty("twins").EnumerateArray().Select(t => t.GetProperty("student").GetString()!).ToList();
        Assert.Equal(expected.Count, twins.Count);
        Assert.All(expected.Zip(twins), pair => Assert.StartsWith(pair.First, pair.Second.Trim()));
        Assert.Equal(bySongs.GetProperty("tracks").GetArrayLength(), await _page.Locator("#my-tracks tbody tr").CountAsync());
        Assert.True(await _page.Locator("#my-tracks tbody tr").CountAsync() >= songs.Count);
        foreach (var missing in bySongs.GetProperty("missingTrackIds").EnumerateArray())
        {
            Assert.Contains(missing.GetString()!, await _page.InnerTextAsync("#missing-tracks"));
        }
        problems.AssertNone();
    }

    private string Url(string path) => new Uri(fixture.Web.BaseAddress!, path).ToString();
}
