using System.Globalization;
using System.Text;
using Aspire.Hosting;
using SpotifyDashboard.Core.Music;
using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Core.Survey;
using StackExchange.Redis;

namespace SpotifyDashboard.AppTests.Faults;

/// <summary>
/// One whole app on a CSV class enriched through <see cref="MusicServiceFakes"/>, shared by the fault tests (they run one
/// after another in <see cref="FaultsCollection"/>). Each test adds its own students under its own song prefix, so it
/// judges only its rows and leaves the app healthy for the next. The timings are short so that a fault's effects (a
/// cool-down, an open breaker, a dead leader's lock) come and go within seconds.
/// </summary>
public sealed class FaultsAppFixture() : FakeMusicAppFixture("faults")
{
    public const string Source = "csv";

    /// <summary>The survey's rows so far; tests append, and the CSV is written again whole (as a new export would be).</summary>
    private readonly List<string> _rows = [];
    private readonly SemaphoreSlim _csvGate = new(1, 1);

    public ConnectionMultiplexer Redis { get; private set; } = null!;

    public SurveyResponseStore Store { get; private set; } = null!;

    private string CsvPath => Path.Combine(Folder, "class-survey.csv");

    protected override IEnumerable<string> MoreSettings =>
    [
        "Parameters:spotify-client-id=fake-client-id",
        // An open page asks every second whether the cache and the worker work.
        "Dashboard:HealthCheckInterval=00:00:01",
        // A dead leader's lock expires in 5 s, and a restarted worker asks every second.
        "Analysis:LockExpiry=00:00:05",
        "Analysis:LockRenewInterval=00:00:01",
        "Analysis:StandbyRetryInterval=00:00:01",
        // A Retry-After beyond 2 s is a cool-down, not a held request.
        "Enrichment:MaxRetryAfter=00:00:02",
        "Spotify:Limits:MaxRetries=1",
        "Spotify:Limits:RetryBaseDelay=00:00:00.100",
        "Spotify:Limits:FailuresToBreak=3",
        "Spotify:Limits:BreakDuration=00:00:04",
        // The earlier tests' successes must not keep the breaker closed for a minute.
        "Spotify:Limits:SamplingDuration=00:00:02",
        "Spotify:Limits:AttemptTimeout=00:00:03",
        "Spotify:Limits:TotalTimeout=00:00:08",
        // While Spotify refuses the whole app, one probe every 5 s.
        "Spotify:RefusedProbeInterval=00:00:05",
        "ReccoBeats:Limits:MaxRetries=1",
        "ReccoBeats:Limits:RetryBaseDelay=00:00:00.100",
        "ReccoBeats:Limits:FailuresToBreak=3",
        "ReccoBeats:Limits:BreakDuration=00:00:04",
        "ReccoBeats:Limits:SamplingDuration=00:00:02",
    ];

    protected override string SurveyCsv()
    {
        AddRows("Warmup Song", 3);
        return Csv();
    }

    protected override async Task WaitUntilReadyAsync()
    {
        Redis = await ConnectionMultiplexer.ConnectAsync((await App.GetConnectionStringAsync("cache"))!);
        Store = new SurveyResponseStore(Redis);
        await WaitForEnrichedAsync("Warmup Song", 3);
    }

    /// <summary>Adds <paramref name="count"/> students whose songs are "<paramref name="songPrefix"/> 1…n" and writes the CSV again.</summary>
    public async Task AddStudentsAsync(string songPrefix, int count)
    {
        await _csvGate.WaitAsync();
        try
        {
            AddRows(songPrefix, count);
            // Write beside and move, so the poller never reads half a file.
            var next = CsvPath + ".next";
            await File.WriteAllTextAsync(next, Csv(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            File.Move(next, CsvPath, overwrite: true);
        }
        finally
        {
            _csvGate.Release();
        }
    }

    /// <summary>The stored responses whose song starts with <paramref name="songPrefix"/>.</summary>
    public async Task<IReadOnlyList<EnrichedResponse>> ResponsesAsync(string songPrefix) =>
        [.. (await Store.GetAllAsync(Source)).Where(r => r.Response.FavoriteSong.StartsWith(songPrefix + " ", StringComparison.Ordinal))];

    /// <summary>
    /// Waits until <paramref name="count"/> responses of the prefix are stored and every one is settled as the fakes'
    /// data says (<see cref="MusicServiceFakes.SettledState"/>): enriched, or unmatched where ReccoBeats leaves its track out.
    /// </summary>
    public Task<IReadOnlyList<EnrichedResponse>> WaitForEnrichedAsync(string songPrefix, int count, TimeSpan? timeout = null) =>
        PageWaits.UntilAsync(
            () => ResponsesAsync(songPrefix),
            rs => rs.Count >= count && rs.All(r => r.Enrichment == Expected(r)),
            timeout ?? TimeSpan.FromSeconds(90));

    /// <summary>How the worker settles this response, by the fakes' data.</summary>
    public static EnrichmentState Expected(EnrichedResponse response) =>
        MusicServiceFakes.SettledState(response.Response.FavoriteSong, response.Response.Artist);

    private void AddRows(string songPrefix, int count)
    {
        var start = new DateTime(2026, 11, 20, 9, 0, 0, DateTimeKind.Unspecified);
        for (var i = 1; i <= count; i++)
        {
            var n = _rows.Count;
            string[] row =
            [
                start.AddSeconds(n * 41).ToString("M/d/yyyy H:mm:ss", CultureInfo.InvariantCulture),
                $"Student {n + 1:000}",
                (18 + (n % 7)).ToString(CultureInfo.InvariantCulture),
                "Physics",
                "Junior",
                $"Town {n % 9}",
                $"{songPrefix} {i}",
                $"Band {(char)('A' + (n % 13))}",
                (1 + (n % 5)).ToString(CultureInfo.InvariantCulture),
                "Evening",
            ];
            _rows.Add(CsvLine(row));
        }
    }

    private string Csv() => FormsHeader + "\n" + string.Join("\n", _rows) + "\n";

    public override async Task DisposeAsync()
    {
        Redis?.Dispose();
        _csvGate.Dispose();
        await base.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class FaultsCollection : ICollectionFixture<FaultsAppFixture>
{
    public const string Name = "faults";
}
