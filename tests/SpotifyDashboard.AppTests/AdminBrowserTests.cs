using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Web;
using Microsoft.Playwright;
using SpotifyDashboard.Core.Music;
using Xunit.Abstractions;

namespace SpotifyDashboard.AppTests;

/// <summary>
/// The teacher's pages in Chromium over the whole app: the sign-in that guards them, and each page doing its job
/// against the real worker and api. Every test watches the browser for errors, and the sign-in test for the admin key
/// in anything the browser received.
/// </summary>
[Collection(AdminCollection.Name)]
public sealed class AdminBrowserTests(AdminAppFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly string[] AdminRoutes =
        ["/admin/sources", "/admin/quarantine", "/admin/unmatched", "/admin/refresh", "/admin/upload", "/admin/providers"];

    private IBrowserContext _context = null!;

    private string Url(string path) => new Uri(fixture.Web.BaseAddress!, path).ToString();

    public async Task InitializeAsync() => _context = await BrowserSession.NewContextAsync();

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
    }

    [Fact]
    public async Task SignedOutEveryAdminRouteLandsOnTheSignInPageWithItsReturnUrl()
    {
        var page = await _context.NewPageAsync();
        var problems = PageProblems.Watch(page);

        foreach (var route in AdminRoutes)
        {
            problems.At(route);
            await AssertSentToSignInAsync(page, route);
        }

        problems.AssertNone();
    }

    [Fact]
    public async Task OnlyTheAdminKeyOpensTheTeachersPagesAndNoPageEverSendsTheKeyToTheBrowser()
    {
        await using var context = await BrowserSession.NewContextAsync();
        var page = await context.NewPageAsync();
        var problems = PageProblems.Watch(page);
        var received = ReceivedBodies.Watch(page);

        problems.At("wrong password");
        await page.GotoAsync(Url("/admin/signin?returnUrl=%2Fadmin%2Fquarantine"));
        Assert.Equal(0, await TeacherNavigation(page).CountAsync());
        await page.FillAsync("#signin-password", AdminAppFixture.AdminKey + "-not");
        await page.ClickAsync("#signin-submit");
        await page.WaitForSelectorAsync("#signin-error", new() { Timeout = PageWaits.PageTimeoutMs });
        Assert.Equal("/admin/signin", new Uri(page.Url).AbsolutePath);
        Assert.Equal("", await page.InputValueAsync("#signin-password"));
        Assert.Equal(0, await TeacherNavigation(page).CountAsync());
        await AssertSentToSignInAsync(page, "/admin/quarantine");

        problems.At("right password");
        await page.FillAsync("#signin-password", AdminAppFixture.AdminKey);
        await page.ClickAsync("#signin-submit");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/admin/quarantine", new() { Timeout = PageWaits.PageTimeoutMs });
        await page.WaitForSelectorAsync("#quarantine-table", new() { Timeout = PageWaits.PageTimeoutMs });
        await TeacherNavigation(page).First.WaitForAsync(new() { Timeout = PageWaits.PageTimeoutMs });
        Assert.Contains("Teacher", await page.Locator("nav#main-nav").Last.InnerTextAsync());
        await page.WaitForSelectorAsync("#signout-link");

        var html = new StringBuilder(await page.ContentAsync());
        foreach (var route in AdminRoutes)
        {
            problems.At(route);
            await page.GotoAsync(Url(route));
            Assert.Equal(route, new Uri(page.Url).AbsolutePath);
            await page.WaitForSelectorAsync("h1", new() { Timeout = PageWaits.PageTimeoutMs });
            await PageWaits.WaitForInteractiveAsync(page);
            // Loaded, and without a problem: a page with nothing to show or an api error says so in a .page-state.
            await page.WaitForFunctionAsync("() => document.querySelectorAll('.page-state').length === 0", null, new() { Timeout = PageWaits.PageTimeoutMs });
            Assert.Equal(0, await page.Locator("#signin-form").CountAsync());
            html.Append(await page.ContentAsync());
        }

        Assert.DoesNotContain(AdminAppFixture.AdminKey, html.ToString(), StringComparison.Ordinal);
        var bodies = await received.AllAsync();
        Assert.True(bodies.Documents >= AdminRoutes.Length, $"only {bodies.Documents} page documents were read");
        Assert.True(bodies.Frames > 0, "no circuit frames were seen");
        // The search sees what the pages say: the quarantine reason, in the page and in the circuit's render batches.
        Assert.Contains(bodies.Containing("no song"), where => where.StartsWith("document", StringComparison.Ordinal));
        Assert.Contains(bodies.Containing("no song"), where => where.StartsWith("web socket", StringComparison.Ordinal));
        Assert.Empty(bodies.Containing(AdminAppFixture.AdminKey));
        problems.AssertNone();
    }

    [Fact]
    public async Task TheQuarantinePageShowsTheBadRowWhileTheClassApiHidesItsIdentifyingColumns()
    {
        var (page, problems) = await SignedInPageAsync();

        problems.At("/admin/quarantine");
        await page.GotoAsync(Url("/admin/quarantine"));
        var row = page.Locator($"#quarantine-row-{AdminAppFixture.QuarantinedRow}");
        await row.WaitForAsync(new() { Timeout = PageWaits.PageTimeoutMs });
        var cells = row.Locator("td");
        Assert.Equal(AdminAppFixture.QuarantinedRow.ToString(System.Globalization.CultureInfo.InvariantCulture), (await cells.Nth(0).InnerTextAsync()).Trim());
        Assert.Contains("no song", await cells.Nth(1).InnerTextAsync());
        Assert.Contains("1 rows could not be used", await page.InnerTextAsync("#quarantine-summary"));

        var classView = await fixture.Api.GetStringAsync("/api/quarantine");
        var item = JsonDocument.Parse(classView).RootElement.GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("row").GetInt32() == AdminAppFixture.QuarantinedRow);
        Assert.Contains("no song", item.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("Band Q", item.GetProperty("fields").GetProperty("Artist").GetString());
        foreach (var identifying in new[] { AdminAppFixture.QuarantinedStudentId, AdminAppFixture.QuarantinedEmail, AdminAppFixture.QuarantinedName, "school.example", "SID-" })
        {
            Assert.DoesNotContain(identifying, classView, StringComparison.OrdinalIgnoreCase);
        }

        problems.AssertNone();
    }

    [Fact]
    public async Task MappingAnUnmatchedSongReEnrichesItAndTakesItOffTheList()
    {
        var (page, problems) = await SignedInPageAsync();

        problems.At("/admin/unmatched");
        await page.GotoAsync(Url("/admin/unmatched"));
        var row = page.Locator("#unmatched-table tbody tr", new() { HasText = AdminAppFixture.UnmatchedSong });
        await row.WaitForAsync(new() { Timeout = PageWaits.PageTimeoutMs });
        Assert.Contains(AdminAppFixture.UnmatchedArtist, await row.InnerTextAsync());
        await PageWaits.WaitForInteractiveAsync(page);

        // Remember every state the mapping's panel shows: the worker may finish between two looks.
        await page.EvaluateAsync("""
            () => {
                window.__sdMapping = [];
                new MutationObserver(() => {
                    const panel = document.querySelector('section.mapping');
                    const text = panel?.innerText.trim();
                    if (text && window.__sdMapping.at(-1) !== text) window.__sdMapping.push(text);
                }).observe(document.body, { subtree: true, childList: true, characterData: true });
            }
            """);
        await row.Locator("input").FillAsync($"https://open.spotify.com/track/{AdminAppFixture.MappedTrackId}?si=apptests");
        await row.Locator("button[type=submit]").ClickAsync();

        var done = page.Locator("section.mapping [id$='-done']");
        await done.WaitForAsync(new() { Timeout = 60_000 });
        Assert.Contains("1 of 1 answers have their audio features", await done.InnerTextAsync());
        var states = await page.EvaluateAsync<string[]>("() => window.__sdMapping");
        output.WriteLine("The mapping panel showed: " + string.Join(" → ", states));
        Assert.Contains(states, s => s.Contains("Re-enriching: 0 of 1 answers done", StringComparison.Ordinal));
        Assert.Contains(AdminAppFixture.MappedTrackId, states[0]);
        await page.Locator("#unmatched-table tbody tr", new() { HasText = AdminAppFixture.UnmatchedSong })
            .WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = PageWaits.PageTimeoutMs });

        var responses = await fixture.ResponsesAsync();
        var mapped = responses.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("song").GetString() == AdminAppFixture.UnmatchedSong);
        Assert.Equal("enriched", mapped.GetProperty("enrichment").GetString());
        Assert.Equal(AdminAppFixture.MappedTrackId, mapped.GetProperty("track").GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Object, mapped.GetProperty("features").ValueKind);
        // What stays unmatched is what the fakes' data says: the songs whose track ReccoBeats leaves out.
        var unmatched = await fixture.Api.GetFromJsonAsync<JsonElement>("/api/unmatched");
        var leftOut = responses.GetProperty("items").EnumerateArray()
            .Count(i => MusicServiceFakes.SettledState(i.GetProperty("song").GetString()!, i.GetProperty("artist").GetString()!) == EnrichmentState.Unmatched
                && i.GetProperty("song").GetString() != AdminAppFixture.UnmatchedSong);
        Assert.Equal(leftOut, unmatched.GetProperty("total").GetInt32());
        Assert.Equal(leftOut, await page.Locator("#unmatched-table tbody tr").CountAsync());

        problems.AssertNone();
    }

    [Fact]
    public async Task ARefreshOfEveryStageMovesItsProgressBarUntilDone()
    {
        var (page, problems) = await SignedInPageAsync();

        problems.At("/admin/refresh");
        await page.GotoAsync(Url("/admin/refresh"));
        await PageWaits.WaitForInteractiveAsync(page);
        foreach (var stage in new[] { "#refresh-reread", "#refresh-reenrich", "#refresh-reanalyse" })
        {
            await page.CheckAsync(stage);
        }

        // Remember each stage line and progress value the panel shows on its way to done.
        await page.EvaluateAsync("""
            () => {
                window.__sdRefresh = [];
                const look = () => {
                    const stage = document.querySelector('#refresh-stage')?.innerText.trim();
                    const bar = document.querySelector('#refresh-bar');
                    const state = stage === undefined ? null : `${stage} | ${bar ? `${bar.getAttribute('value') ?? ''}/${bar.getAttribute('max') ?? ''}` : 'no bar'}`;
                    if (state && window.__sdRefresh.at(-1) !== state) window.__sdRefresh.push(state);
                };
                new MutationObserver(look).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
            }
            """);
        await page.ClickAsync("#refresh-start");

        await page.WaitForSelectorAsync("#refresh-done", new() { Timeout = 120_000 });
        var states = await page.EvaluateAsync<string[]>("() => window.__sdRefresh");
        output.WriteLine("The refresh panel showed: " + string.Join(" → ", states));
        // Each look reads the latest progress, so quick stages may be skipped (a class of 40 can go from queued to done
        // between two events; the worker's own tests follow every stage); but the panel starts queued, only moves
        // forward, shows the bar at every step and ends done.
        string[] order = ["Queued", "Reading the source", "Looking up the songs", "Analysing the class"];
        var seen = states.Select(s => Array.FindIndex(order, stage => s.StartsWith(stage, StringComparison.Ordinal))).ToList();
        Assert.True(seen.Count >= 1 && seen[0] == 0 && seen.All(i => i >= 0), "the progress did not start queued, or showed an unknown stage: " + string.Join(" → ", states));
        Assert.True(seen.Zip(seen.Skip(1)).All(p => p.First <= p.Second), "the stages went backwards: " + string.Join(" → ", states));
        Assert.All(states, s => Assert.DoesNotContain("| no bar", s));
        var summary = await page.InnerTextAsync("#refresh-done");
        Assert.Contains($"Read {AdminAppFixture.ClassSize}", summary);
        Assert.Contains("Published analysis snapshot", summary);
        Assert.Equal(0, await page.Locator("#refresh-bar").CountAsync());
        Assert.Equal(0, await page.Locator("#refresh-failed").CountAsync());

        problems.AssertNone();
    }

    [Fact]
    public async Task AnUploadedFormsCsvIsPreviewedThenBecomesTheActiveSourceWithItsNewRows()
    {
        var (page, problems) = await SignedInPageAsync();
        var before = (await fixture.ResponsesAsync()).GetProperty("total").GetInt64();
        // The class as it stands plus three late answers: a Forms export downloaded again later.
        const int late = 3;
        var csv = fixture.ClassCsv + string.Join("\r\n", AdminAppFixture.Rows(AdminAppFixture.ClassSize, AdminAppFixture.ClassSize + late)) + "\r\n";

        problems.At("/admin/upload");
        await page.GotoAsync(Url("/admin/upload"));
        await PageWaits.WaitForInteractiveAsync(page);
        await page.SetInputFilesAsync("#upload-file", new FilePayload { Name = "class-survey (1).csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });

        await page.WaitForSelectorAsync("#upload-preview", new() { Timeout = PageWaits.PageTimeoutMs });
        Assert.Contains($"{AdminAppFixture.ClassSize + late} rows", await page.InnerTextAsync("#preview-title"));
        var mapping = await page.InnerTextAsync("#upload-mapping");
        Assert.Contains("What's your favourite song?", mapping);
        Assert.Contains("Who is the artist?", mapping);
        var unmapped = await page.InnerTextAsync("#upload-unmapped");
        Assert.Contains("Student ID", unmapped);
        Assert.Contains("Email address", unmapped);
        var firstRows = await page.InnerTextAsync("#upload-rows");
        Assert.Contains("Song Number 1", firstRows);
        Assert.Contains("Band A", firstRows);
        Assert.Contains("1 rows would go to quarantine", await page.InnerTextAsync("#upload-quarantined"));

        await page.ClickAsync("#upload-use");
        await page.WaitForSelectorAsync("#upload-used", new() { Timeout = PageWaits.PageTimeoutMs });

        problems.At("/admin/sources");
        await page.GotoAsync(Url("/admin/sources"));
        await page.WaitForSelectorAsync("#source-csv-active", new() { Timeout = PageWaits.PageTimeoutMs });
        Assert.Contains("csv", await page.InnerTextAsync("#sources-summary"));
        var status = await PageWaits.UntilAsync(
            () => fixture.Api.GetFromJsonAsync<JsonElement>("/api/status"),
            s => s.GetProperty("responses").GetInt64() == before + late,
            TimeSpan.FromSeconds(60));
        Assert.Equal("csv", status.GetProperty("activeSource").GetString());
        var songs = (await fixture.ResponsesAsync()).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("song").GetString()).ToList();
        Assert.Contains($"Song Number {AdminAppFixture.ClassSize + late}", songs);

        problems.AssertNone();
    }

    [Fact]
    public async Task AFileThatIsNotAFormsCsvShowsAProblemAndChangesNothing()
    {
        var (page, problems) = await SignedInPageAsync();
        var statusBefore = await fixture.Api.GetFromJsonAsync<JsonElement>("/api/status");
        var songsBefore = await SongsAsync();

        problems.At("/admin/upload");
        await page.GotoAsync(Url("/admin/upload"));
        await PageWaits.WaitForInteractiveAsync(page);

        // A screenshot renamed .csv.
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00];
        await page.SetInputFilesAsync("#upload-file", new FilePayload { Name = "responses.csv", MimeType = "text/csv", Buffer = png });
        await AssertRefusedAsync(page, "responses.csv");

        // A CSV of the wrong form: no song column.
        var noSong = "Timestamp,Your name,Who is the artist?\r\n\"11/20/2026 9:00:00\",\"Student 01\",\"Band A\"\r\n";
        await page.SetInputFilesAsync("#upload-file", new FilePayload { Name = "other-form.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(noSong) });
        await AssertRefusedAsync(page, "other-form.csv");
        Assert.Contains("song", (await page.InnerTextAsync("#upload-problems")).ToLowerInvariant());

        // Given the worker time to read whatever might have changed, the class is the same.
        await page.GotoAsync(Url("/admin/sources"));
        await page.WaitForSelectorAsync("#source-csv-active", new() { Timeout = PageWaits.PageTimeoutMs });
        await Task.Delay(TimeSpan.FromSeconds(5));
        var statusAfter = await fixture.Api.GetFromJsonAsync<JsonElement>("/api/status");
        Assert.Equal(statusBefore.GetProperty("activeSource").GetString(), statusAfter.GetProperty("activeSource").GetString());
        Assert.Equal(statusBefore.GetProperty("responses").GetInt64(), statusAfter.GetProperty("responses").GetInt64());
        Assert.Equal(songsBefore, await SongsAsync());

        problems.AssertNone();
    }

    [Fact]
    public async Task SigningOutSendsTheAdminRoutesBackToSignIn()
    {
        var (page, problems) = await SignedInPageAsync();

        problems.At("sign out");
        await page.ClickAsync("#signout-link");
        await page.WaitForSelectorAsync("#signout-form", new() { Timeout = PageWaits.PageTimeoutMs });
        await page.ClickAsync("#signout-submit");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/", new() { Timeout = PageWaits.PageTimeoutMs });
        await page.WaitForSelectorAsync("#signin-link");
        Assert.Equal(0, await TeacherNavigation(page).CountAsync());

        foreach (var route in AdminRoutes)
        {
            problems.At(route);
            await AssertSentToSignInAsync(page, route);
        }

        problems.AssertNone();
    }

    /// <summary>A page in a fresh browser context, signed in through the sign-in form, on the sources page.</summary>
    private async Task<(IPage Page, PageProblems Problems)> SignedInPageAsync()
    {
        var page = await _context.NewPageAsync();
        var problems = PageProblems.Watch(page);
        problems.At("sign in");
        await page.GotoAsync(Url("/admin/signin"));
        await page.FillAsync("#signin-password", AdminAppFixture.AdminKey);
        await page.ClickAsync("#signin-submit");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/admin/sources", new() { Timeout = PageWaits.PageTimeoutMs });
        await page.WaitForSelectorAsync("#sources-summary", new() { Timeout = PageWaits.PageTimeoutMs });
        return (page, problems);
    }

    private async Task AssertSentToSignInAsync(IPage page, string route)
    {
        await page.GotoAsync(Url(route));
        var landed = new Uri(page.Url);
        Assert.Equal("/admin/signin", landed.AbsolutePath);
        Assert.Equal(route, HttpUtility.ParseQueryString(landed.Query)["returnUrl"]);
        Assert.True(await page.Locator("#signin-form").IsVisibleAsync(), $"{route}: no sign-in form");
        Assert.Equal(0, await page.Locator(".page-header h1", new() { HasTextRegex = new("^(Sources|Quarantine|Unmatched songs|Refresh|Upload a CSV|Providers)$") }).CountAsync());
    }

    private static async Task AssertRefusedAsync(IPage page, string fileName)
    {
        await page.WaitForFunctionAsync(
            "name => document.querySelector('#preview-title')?.innerText.includes(name) && document.querySelector('#upload-problems')",
            fileName,
            new() { Timeout = PageWaits.PageTimeoutMs });
        Assert.Contains("nothing was changed", await page.InnerTextAsync("#upload-problems"));
        Assert.Equal(0, await page.Locator("#upload-use").CountAsync());
        Assert.Equal(0, await page.Locator("#upload-used").CountAsync());
    }

    private async Task<List<string>> SongsAsync() =>
        [.. (await fixture.ResponsesAsync()).GetProperty("items").EnumerateArray().Select(i => $"{i.GetProperty("id").GetString()} {i.GetProperty("song").GetString()}").Order(StringComparer.Ordinal)];

    /// <summary>The "Teacher" group of the navigation (the layout renders the navigation twice: on screen and in the drawer).</summary>
    private static ILocator TeacherNavigation(IPage page) =>
        page.Locator("nav#main-nav a[href='/admin/quarantine']");
}

/// <summary>
/// What the browser received while a test ran: the bodies of documents and fetch/XHR answers, and every frame the
/// Blazor circuit's web socket delivered (binary frames read as UTF-8, which is how the circuit writes strings).
/// </summary>
public sealed class ReceivedBodies
{
    private readonly List<Task<(string Kind, string Url, string Body)>> _bodies = [];
    private readonly List<(string Url, string Body)> _frames = [];

    public static ReceivedBodies Watch(IPage page)
    {
        var received = new ReceivedBodies();
        page.Response += (_, response) =>
        {
            var type = response.Request.ResourceType;
            if (type is "document" or "xhr" or "fetch" && response.Status is < 300 or >= 400)
            {
                lock (received._bodies)
                {
                    received._bodies.Add(ReadAsync(type, response));
                }
            }
        };
        page.WebSocket += (_, socket) => socket.FrameReceived += (_, frame) =>
        {
            lock (received._frames)
            {
                received._frames.Add((socket.Url, frame.Text ?? Encoding.UTF8.GetString(frame.Binary ?? [])));
            }
        };
        return received;
    }

    public async Task<Received> AllAsync()
    {
        Task<(string Kind, string Url, string Body)>[] reads;
        lock (_bodies)
        {
            reads = [.. _bodies];
        }

        var bodies = await Task.WhenAll(reads);
        lock (_frames)
        {
            return new Received(bodies, [.. _frames]);
        }
    }

    private static async Task<(string Kind, string Url, string Body)> ReadAsync(string kind, IResponse response)
    {
        try
        {
            return (kind, response.Url, await response.TextAsync());
        }
        catch (PlaywrightException)
        {
            // The page moved on before the body could be read (a stream cut short); nothing was received in full.
            return (kind, response.Url, "");
        }
    }

    public sealed record Received(IReadOnlyList<(string Kind, string Url, string Body)> Bodies, IReadOnlyList<(string Url, string Body)> WebSocketFrames)
    {
        public int Documents => Bodies.Count(b => b.Kind == "document" && b.Body.Length > 0);

        public int Frames => WebSocketFrames.Count;

        public IEnumerable<string> Containing(string secret) =>
            Bodies.Where(b => b.Body.Contains(secret, StringComparison.Ordinal)).Select(b => $"{b.Kind} {b.Url}")
                .Concat(WebSocketFrames.Where(f => f.Body.Contains(secret, StringComparison.Ordinal)).Select(f => $"web socket frame from {f.Url}"));
    }
}
