using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Playwright;
using SpotifyDashboard.TestSupport.GoogleSheets;

namespace SpotifyDashboard.AppTests;

/// <summary>
/// The whole app as it runs outside Development (every service with <c>DOTNET_ENVIRONMENT</c> and
/// <c>ASPNETCORE_ENVIRONMENT</c> = Production), with every console line of every resource captured while a run puts each
/// secret and each student's name in play: a CSV class with real-looking names, then a Google Sheet read with a generated
/// service-account key (its first read refused with 401); the Spotify app credentials and the token the fake hands out;
/// a listener's sign-in with Spotify (code, PKCE verifier, tokens) and a comparison; the teacher's sign-in with a wrong
/// and the right key, admin calls with a wrong and the right key, a refresh; the pseudonym key, the cache password and
/// the internal key as parameters. The run happens once, here; the tests read what it left in the logs.
/// </summary>
public sealed class LogCaptureAppFixture() : FakeMusicAppFixture("logs")
{
    public const string Environment = "Production";

    /// <summary>What Aspire sets on every project it runs (to "simple"); it is the normal <c>Logging:Console:FormatterName</c>.</summary>
    public const string AspireConsoleFormatterSetting = "LOGGING__CONSOLE__FORMATTERNAME";

    public static readonly (string Name, string Hometown)[] CsvStudents =
    [
        ("Ottoline Vexbridge", "Pemblecombe"), ("Ana María Quillfeather", "Santa Eulàlia de Vic"), ("Siobhán O'Dwyer-Kask", "Ballykilleen"),
        ("Tobiah Marchetti-Lund", "Ostravik"), ("Zéphyrine Obernauer", "Schwarzmoosach"), ("Caspian Wrenfield", "Little Harrowden"),
        ("Ilse Thornquist", "Norrvättla"), ("Radomir Ashcombe", "Kruszwica Dolna"), ("Perpetua Lindqvist-Hale", "Fennick Cross"),
        ("Evander Moorcroft", "Aldermoor"), ("Kalinda Featherstonehaugh", "Wirrabeen"), ("Björn Hallvardsen", "Skjærvøyhamn"),
    ];

    public static readonly (string Name, string Hometown)[] SheetStudents =
    [
        ("Hesper Gallowglass", "Drumquin Vale"), ("Lucan Brightwater", "Esterholm"), ("Mireille Tavistock", "Saint-Aubin-des-Grès"),
        ("Osric Pennywhistle", "Cobbleford"), ("Théodora Quenby", "Villeneuve-Lacoste"), ("Ansel Ravenscroft", "Marrowdale"),
    ];

    private static readonly string[] Majors = ["Biology", "Computer Science", "Music", "Physics", "History"];

    public ResourceLogCapture Logs { get; private set; } = null!;

    /// <summary>
    /// Google on loopback: a service-account key generated for the run whose <c>token_uri</c> is the fake, and the
    /// Sheets API over a German teacher's sheet (zone Europe/Berlin, locale de_DE; a tab that is not the responses first,
    /// then the Form's tab "Formularantworten 1"). The first token the app presents is refused with 401 and stays
    /// refused, as Google does with a token it stopped accepting, so the app must fetch a new one.
    /// </summary>
    public GoogleSheetsApiFake Google { get; } = GermanTeachersSheet();

    // Random for each run, so a value found in a log can only have come from this run's secrets.
    public string AdminKey { get; } = $"{Random(10)}+{Random(8)}/{Random(8)}=";
    public string SpotifyClientId { get; } = Random(32);
    public string SpotifyClientSecret { get; } = Random(32);
    public string PseudonymKey { get; } = Random(40);
    public string CachePassword { get; } = Random(40);
    public string InternalKey { get; } = Random(40);
    public string DataProtectionSecret { get; } = Random(40);

    /// <summary>Every cookie value the browsers held: the teacher's and the listener's sessions, the antiforgery and sign-in state.</summary>
    public IReadOnlyList<string> CookieValues { get; private set; } = [];

    /// <summary>Pages the browsers asked for that answered with an error, or scripts that failed (none expected).</summary>
    public IReadOnlyList<string> PageProblemsSeen { get; private set; } = [];

    /// <summary>The wrong keys the run typed: a key one character off is nearly the key, so it must not show either.</summary>
    public string WrongAdminKeyForTheApi => AdminKey[..^1] + "X";

    public string WrongAdminKeyForTheWeb => AdminKey + "-not";

    /// <summary>
    /// What no log line may hold, each with the forms it may take there: every secret of the run (also URL-encoded and
    /// base64), and every student's name and hometown (both classes; the family name alone too).
    /// </summary>
    public IReadOnlyList<(string What, IReadOnlyList<string> Forms)> ForbiddenInLogs()
    {
        var secrets = new List<(string What, string Value)>
        {
            ("the admin key", AdminKey),
            ("a wrong admin key sent to the api", WrongAdminKeyForTheApi),
            ("a wrong admin key typed on the web", WrongAdminKeyForTheWeb),
            ("the Spotify client id", SpotifyClientId),
            ("the Spotify client secret", SpotifyClientSecret),
            ("the Spotify client credentials as a Basic header", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{SpotifyClientId}:{SpotifyClientSecret}"))),
            ("the Spotify app token", Fakes.AppAccessToken),
            ("the pseudonym key", PseudonymKey),
            ("the cache password", CachePassword),
            ("the internal key", InternalKey),
            ("the data-protection secret", DataProtectionSecret),
            ("the service-account parameter", Google.ServiceAccountBase64),
            ("the service account's private key id", Google.PrivateKeyId),
        };
        secrets.AddRange(Google.AccessTokens.Select(t => ("a Sheets access token", t)));
        secrets.AddRange(Fakes.ListenerCredentials.Select(c => ("a listener's sign-in code, verifier or token", c)));
        secrets.AddRange(CookieValues.Where(c => c.Length >= 16).Select(c => ("a browser's cookie", c)));
        secrets.AddRange(Google.Assertions.SelectMany(a => new[] { ("a signed JWT assertion", a), ("a JWT assertion's signature", a[(a.LastIndexOf('.') + 1)..]) }));
        // Each 64-character line of the key's base64 body; JSON holds the key with \n between them.
        secrets.AddRange(Google.PrivateKeyPem.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("-----", StringComparison.Ordinal))
            .Select(l => ("a line of the service account's private key", l)));

        var people = CsvStudents.Concat(SheetStudents)
            .SelectMany(s => new[] { ("a student's name", s.Name), ("a student's family name", s.Name[(s.Name.LastIndexOf(' ') + 1)..]), ("a student's hometown", s.Hometown) });

        return
        [
            .. secrets.Select(s => (s.What, ConsoleLogLines.SecretForms(s.Value))),
            .. people.Select(p => (p.Item1, (IReadOnlyList<string>)[p.Item2])),
        ];
    }

    protected override IEnumerable<string> MoreSettings =>
    [
        $"Parameters:spotify-client-id={SpotifyClientId}",
        $"Parameters:spotify-client-secret={SpotifyClientSecret}",
        $"Parameters:admin-key={AdminKey}",
        $"Parameters:pseudonym-key={PseudonymKey}",
        $"Parameters:cache-password={CachePassword}",
        $"Parameters:internal-key={InternalKey}",
        $"Parameters:data-protection-secret={DataProtectionSecret}",
        $"Parameters:google-service-account={Google.ServiceAccountBase64}",
        $"Survey:SheetId={Google.SheetId}",
        $"Survey:SheetsBaseUrl={Google.BaseUrl}",
    ];

    protected override void PrepareFakes()
    {
        Fakes.AppAccessToken = "BQ" + Random(40);
        foreach (var i in new[] { 1, 4, 9 })
        {
            Fakes.AddTopTrack(SongOf(i), BandOf(i));
        }
    }

    protected override void Configure(IDistributedApplicationTestingBuilder builder)
    {
        foreach (var project in builder.Resources.OfType<ProjectResource>().ToList())
        {
            builder.CreateResourceBuilder(project)
                .WithEnvironment("DOTNET_ENVIRONMENT", Environment)
                .WithEnvironment("ASPNETCORE_ENVIRONMENT", Environment)
                // Under the AppHost Aspire asks each project for the simple formatter, so its dashboard shows readable
                // console logs. A deployed service has no such setting: without it, the service's own choice shows.
                .WithEnvironment(context => context.EnvironmentVariables.Remove(AspireConsoleFormatterSetting))
                // Request lines are off by default (LogLevelDefaults); an operator may turn them on, and then their URLs
                // must hold no secret either. On here, so the capture has them and each names its request's trace.
                .WithEnvironment("Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics", "Information");
        }

        // Spotify sends the listener back to the web's own callback, on its real port.
        var web = builder.CreateResourceBuilder<ProjectResource>("web");
        web.WithEnvironment("Spotify__RedirectUri", ReferenceExpression.Create($"{web.GetEndpoint("http")}/auth/spotify/callback"));
    }

    protected override async Task WaitUntilReadyAsync()
    {
        Logs = ResourceLogCapture.Start(App);
        // In the analysis: the students whose track ReccoBeats knows.
        var analysed = Enumerable.Range(0, CsvStudents.Length).Count(n => MusicServiceFakes.ReccoBeatsKnows(SongOf(n), BandOf(n)));
        await PageWaits.UntilAsync(ClustersAsync, c => c.ValueKind == JsonValueKind.Object && c.GetProperty("points").GetArrayLength() == analysed,
            TimeSpan.FromSeconds(120));

        await CallAdminApiAsync();
        await UseTheBrowserAsync();
        await ReadTheSheetAsync();

        // The last thing the run does: a page whose call to the api names a marker. Once the web and the api have both
        // written it, every earlier line of theirs is in the capture.
        var marker = "run-ended-" + Guid.NewGuid().ToString("N");
        using var last = await Web.GetAsync($"/twins/{marker}");
        await Logs.WaitForLineAsync("web", marker);
        await Logs.WaitForLineAsync("api", marker);
    }

    /// <summary>A wrong key (401), then the right one: the sources, and a refresh of every stage followed to done.</summary>
    private async Task CallAdminApiAsync()
    {
        using (var refused = await SendAdminAsync(HttpMethod.Get, "/api/admin/sources", WrongAdminKeyForTheApi))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using (var sources = await SendAdminAsync(HttpMethod.Get, "/api/admin/sources", AdminKey))
        {
            Assert.Equal(HttpStatusCode.OK, sources.StatusCode);
        }

        using var refresh = await SendAdminAsync(HttpMethod.Post, "/api/refresh", AdminKey, new { reread = true, reenrich = true, reanalyse = true });
        Assert.Equal(HttpStatusCode.Accepted, refresh.StatusCode);
        var id = (await refresh.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var progress = await PageWaits.UntilAsync(
            async () =>
            {
                using var answer = await SendAdminAsync(HttpMethod.Get, $"/api/admin/refresh/{id}", AdminKey);
                return await answer.Content.ReadFromJsonAsync<JsonElement>();
            },
            p => p.GetProperty("stage").GetString() is "done" or "failed",
            TimeSpan.FromSeconds(90));
        Assert.Equal("done", progress.GetProperty("stage").GetString());
    }

    /// <summary>The teacher signs in (a wrong key first) and opens the sources while a listener signs in with Spotify and compares.</summary>
    private async Task UseTheBrowserAsync()
    {
        var problems = new ConcurrentQueue<string>();
        try
        {
            var cookies = await Task.WhenAll(TeacherSignsInAsync(problems), ListenerComparesAsync(problems));
            CookieValues = [.. cookies.SelectMany(c => c)];
        }
        finally
        {
            PageProblemsSeen = [.. problems];
        }
    }

    private async Task<IEnumerable<string>> TeacherSignsInAsync(ConcurrentQueue<string> problems)
    {
        await using var teacher = await BrowserSession.NewContextAsync();
        var page = await teacher.NewPageAsync();
        WatchProblems(page, problems);
        await page.GotoAsync(WebUrl("/admin/signin?returnUrl=%2Fadmin%2Fsources"));
        await page.FillAsync("#signin-password", WrongAdminKeyForTheWeb);
        await page.ClickAsync("#signin-submit");
        await page.WaitForSelectorAsync("#signin-error", new() { Timeout = PageWaits.PageTimeoutMs });
        await page.FillAsync("#signin-password", AdminKey);
        await page.ClickAsync("#signin-submit");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/admin/sources", new() { Timeout = PageWaits.PageTimeoutMs });
        // Interactive and loaded: the web has called the api's admin endpoints with the key.
        await PageWaits.WaitForInteractiveAsync(page);
        await page.WaitForFunctionAsync("() => document.querySelectorAll('.page-state').length === 0", null, new() { Timeout = PageWaits.PageTimeoutMs });
        return (await teacher.CookiesAsync()).Select(c => c.Value);
    }

    private async Task<IEnumerable<string>> ListenerComparesAsync(ConcurrentQueue<string> problems)
    {
        await using var listener = await BrowserSession.NewContextAsync();
        var page = await listener.NewPageAsync();
        WatchProblems(page, problems);
        await page.GotoAsync(WebUrl("/compare"));
        await page.ClickAsync("#spotify-signin", new() { Timeout = PageWaits.PageTimeoutMs });
        await page.WaitForURLAsync(u => new Uri(u).AbsolutePath == "/compare" && !u.Contains("signin=", StringComparison.Ordinal),
            new() { Timeout = PageWaits.PageTimeoutMs });
        await PageWaits.WaitForInteractiveAsync(page);
        await page.ClickAsync("#compare-mine", new() { Timeout = PageWaits.PageTimeoutMs });
        await page.WaitForSelectorAsync("#my-cluster", new() { Timeout = PageWaits.PageTimeoutMs });
        return (await listener.CookiesAsync()).Select(c => c.Value);
    }

    /// <summary>The teacher makes the sheet the active source: a token for the key, a 401, a new token, then the sheet's class.</summary>
    private async Task ReadTheSheetAsync()
    {
        using var choose = await SendAdminAsync(HttpMethod.Post, "/api/admin/sources/active", AdminKey, new { source = "sheet" });
        Assert.Equal(HttpStatusCode.OK, choose.StatusCode);
        await PageWaits.UntilAsync(
            () => Api.GetFromJsonAsync<JsonElement>("/api/responses?limit=100"),
            r => r.GetProperty("total").GetInt64() == SheetStudents.Length
                && r.GetProperty("items").EnumerateArray().All(i => string.Equals(
                    i.GetProperty("enrichment").GetString(),
                    MusicServiceFakes.SettledState(i.GetProperty("song").GetString()!, i.GetProperty("artist").GetString()!).ToString(),
                    StringComparison.OrdinalIgnoreCase)),
            TimeSpan.FromSeconds(90));
        await Logs.WaitForLineAsync("worker", "refused the access token");
        SheetSubmittedAt = [.. (await Api.GetFromJsonAsync<JsonElement>("/api/responses?limit=100")).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("submittedAt").GetDateTimeOffset())];
    }

    /// <summary>When the sheet's answers were submitted, as the api serves them.</summary>
    public IReadOnlyList<DateTimeOffset> SheetSubmittedAt { get; private set; } = [];

    private async Task<HttpResponseMessage> SendAdminAsync(HttpMethod method, string path, string key, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Admin-Key", key);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await Api.SendAsync(request);
    }

    private async Task<JsonElement> ClustersAsync() =>
        await Api.GetAsync("/api/clusters") is { IsSuccessStatusCode: true } r ? await r.Content.ReadFromJsonAsync<JsonElement>() : default;

    private string WebUrl(string path) => new Uri(Web.BaseAddress!, path).ToString();

    private static void WatchProblems(IPage page, ConcurrentQueue<string> problems)
    {
        page.PageError += (_, error) => problems.Enqueue($"uncaught: {error}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                problems.Enqueue($"{response.Status} {response.Request.Method} {response.Url}");
            }
        };
    }

    public static string SongOf(int i) => $"Song Number {i + 1}";

    public static string BandOf(int i) => $"Band {(char)('A' + (i % 11))}";

    protected override string SurveyCsv()
    {
        var csv = new StringBuilder();
        csv.AppendLine(FormsHeader);
        foreach (var row in Rows(CsvStudents, offset: 0))
        {
            csv.AppendLine(CsvLine(row));
        }

        return csv.ToString();
    }

    /// <summary>A Form in German writes its timestamp column as "Zeitstempel"; the questions are the teacher's.</summary>
    private static readonly string[] SheetHeaders = ["Zeitstempel", .. FormsHeader.Split(',').Skip(1)];

    /// <summary>
    /// The sheet's answers as the sheet holds them: the timestamp a date-time on Berlin's wall clock, age and hours numbers.
    /// </summary>
    private static IEnumerable<IReadOnlyList<object?>> SheetAnswers() =>
        Rows(SheetStudents, offset: 40).Select(row => (IReadOnlyList<object?>)
        [
            DateTime.ParseExact(row[0], "M/d/yyyy H:mm:ss", CultureInfo.InvariantCulture),
            row[1],
            int.Parse(row[2], CultureInfo.InvariantCulture),
            .. row[3..8],
            int.Parse(row[8], CultureInfo.InvariantCulture),
            row[9],
        ]);

    private static GoogleSheetsApiFake GermanTeachersSheet()
    {
        var sheet = new FakeSpreadsheet();
        sheet.AddTab("Auswertung", ["Hinweis", "Stand"], ["Diagramme der Antworten", new DateTime(2026, 11, 19, 18, 0, 0)]);
        sheet.AddTab("Formularantworten 1", [SheetHeaders, .. SheetAnswers()]);
        var google = new GoogleSheetsApiFake(sheet, "1LogsTestSheetIdQx4", "survey-reader@logs-test.iam.gserviceaccount.com");
        google.RefuseNextTokens(1);
        return google;
    }

    /// <summary>The UTC instants the sheet's answers must be served with: Berlin's wall clock in November is UTC+1.</summary>
    public static IEnumerable<DateTimeOffset> SheetSubmittedUtc() =>
        Rows(SheetStudents, offset: 40).Select(row => new DateTimeOffset(DateTime.ParseExact(row[0], "M/d/yyyy H:mm:ss", CultureInfo.InvariantCulture), TimeSpan.FromHours(1)).ToUniversalTime());

    private static IEnumerable<string[]> Rows((string Name, string Hometown)[] students, int offset)
    {
        var start = new DateTime(2026, 11, 20, 9, 0, 0, DateTimeKind.Unspecified);
        for (var i = 0; i < students.Length; i++)
        {
            var n = i + offset;
            yield return
            [
                start.AddSeconds(n * 41).ToString("M/d/yyyy H:mm:ss", CultureInfo.InvariantCulture),
                students[i].Name,
                (18 + (n % 7)).ToString(CultureInfo.InvariantCulture),
                Majors[n % Majors.Length],
                (n % 4) switch { 0 => "Freshman", 1 => "Sophomore", 2 => "Junior", _ => "Senior" },
                students[i].Hometown,
                SongOf(n),
                BandOf(n),
                (1 + (n % 5)).ToString(CultureInfo.InvariantCulture),
                (n % 2) == 0 ? "Evening" : "Morning",
            ];
        }
    }

    private static string Random(int length) => RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", length);

    public override async Task DisposeAsync()
    {
        if (Logs is not null)
        {
            await Logs.DisposeAsync();
        }

        await base.DisposeAsync();
        Google.Dispose();
    }
}
