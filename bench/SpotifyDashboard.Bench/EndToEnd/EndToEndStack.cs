using System.Globalization;
using System.Security.Cryptography;
using SpotifyDashboard.Bench.Commands;
using SpotifyDashboard.Bench.Reads;

namespace SpotifyDashboard.Bench.EndToEnd;

/// <summary>
/// Everything <c>e2e</c> runs: Garnet and the WireMock fakes of Spotify and ReccoBeats inside the bench process, and
/// the api and the worker as shipped (their Release builds, each its own process, default settings) with the CSV as
/// their survey source. Only what a fake needs is set: the upstream urls, fake credentials, and the clients' rate
/// limits raised (the defaults are sized for the real services and would time the limiter, not the app).
/// </summary>
public sealed class EndToEndStack : IDisposable
{
    /// <summary>Requests a second the Spotify and ReccoBeats clients allow themselves against the fakes.</summary>
    private const int FakeRequestsPerSecond = 1_000;

    private readonly List<IDisposable> _owned = [];
    private readonly Dictionary<string, string> _environment;
    private readonly string _logFolder;

    private EndToEndStack(LocalGarnet garnet, UpstreamFakes fakes, Dictionary<string, string> environment, string logFolder)
    {
        Garnet = garnet;
        Fakes = fakes;
        _environment = environment;
        _logFolder = logFolder;
        _owned.Add(garnet);
        _owned.Add(fakes);
    }

    public LocalGarnet Garnet { get; }

    public UpstreamFakes Fakes { get; }

    public string ApiUrl { get; } = $"http://127.0.0.1:{ReadsStack.FreePort()}";

    public string WorkerUrl { get; } = $"http://127.0.0.1:{ReadsStack.FreePort()}";

    public ChildProcess? Api { get; private set; }

    public ChildProcess? Worker { get; private set; }

    /// <param name="overrides">Extra settings for both services (<c>--set Key=Value</c>), as configuration keys.</param>
    public static EndToEndStack Start(string csvPath, TimeSpan fakeLatency, IReadOnlyDictionary<string, string> overrides, string logFolder)
    {
        var garnet = LocalGarnet.StartIfAsked(LocalGarnet.Keyword)!;
        var fakes = UpstreamFakes.Start(fakeLatency);
        var settings = new Dictionary<string, string?>(fakes.Settings(FakeRequestsPerSecond))
        {
            ["ConnectionStrings:cache"] = garnet.Address,
            ["Survey:Source"] = "Csv",
            ["Survey:CsvPath"] = csvPath,
            ["ReccoBeats:Limits:RequestsPerSecond"] = FakeRequestsPerSecond.ToString(CultureInfo.InvariantCulture),
            ["Privacy:PseudonymKey"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)),
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        // Environment variables, as the AppHost passes settings: "__" for ":".
        var environment = settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value ?? "");
        return new EndToEndStack(garnet, fakes, environment, logFolder);
    }

    public ChildProcess StartApi() => Api = StartService("SpotifyDashboard.Api", ApiUrl, "api.log");

    public ChildProcess StartWorker() => Worker = StartService("SpotifyDashboard.Worker", WorkerUrl, "worker.log");

    private ChildProcess StartService(string project, string url, string log)
    {
        var dll = ReadsStack.Build(ReadsStack.RepositoryRoot(), project);
        var process = ChildProcess.StartDotnet(dll, [], new Dictionary<string, string>(_environment) { ["ASPNETCORE_URLS"] = url }, Path.Combine(_logFolder, log));
        _owned.Add(process);
        return process;
    }

    public void Dispose()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }
    }
}
