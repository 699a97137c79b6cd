using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;

namespace SpotifyDashboard.Bench.Reads;

/// <summary>
/// The whole app as <c>dotnet run --project src/SpotifyDashboard.AppHost</c> starts it: the AppHost's build of
/// <c>configuration</c> with its launch profile's environment (Development, the Aspire dashboard, every service's
/// telemetry sent to it), the api on its port 5081 and the web on 5080 (through Aspire's proxies), and the demo class of
/// <c>students</c> in a fresh data folder. Stopped as Ctrl+C stops it.
/// </summary>
public sealed class AppHostRun : IDisposable
{
    public const string ApiUrl = "http://localhost:5081";
    public const string WebUrl = "http://localhost:5080";

    private readonly ChildProcess _appHost;

    private AppHostRun(ChildProcess appHost, string configuration)
    {
        _appHost = appHost;
        Configuration = configuration;
    }

    public string Configuration { get; }

    public int Id => _appHost.Id;

    /// <param name="settings">More AppHost settings, <c>Key=Value</c> (e.g. <c>Telemetry:ReadTraces:SampleRatio=1</c>).</param>
    public static async Task<AppHostRun> StartAsync(int students, string configuration, IEnumerable<string> settings, string logFolder)
    {
        foreach (var port in new[] { 5080, 5081, 15080, 19080, 20080 })
        {
            if (System.Net.NetworkInformation.IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpListeners().Any(l => l.Port == port))
            {
                throw new InvalidOperationException($"Port {port} is taken: another app (or its Aspire dashboard) runs; stop it first.");
            }
        }

        var root = ReadsStack.RepositoryRoot();
        var project = Path.Combine(root, "src", "SpotifyDashboard.AppHost");
        await BuildAsync(project, configuration, Path.Combine(logFolder, "apphost-build.log"));
        var executable = Path.Combine(project, "bin", configuration, "net10.0", "SpotifyDashboard.AppHost.dll");
        var environment = LaunchProfile(project);
        string[] args =
        [
            executable,
            $"Demo:InitialStudents={students}",
            $"Demo:MaxStudents={students}",
            $"Cache:DataPath={Path.Combine(logFolder, "garnet")}",
            $"Parameters:admin-key={Convert.ToHexString(RandomNumberGenerator.GetBytes(16))}",
            .. settings,
        ];
        var appHost = ChildProcess.StartDotnet(args, project, environment, Path.Combine(logFolder, "apphost.log"));
        appHost.GracefulStop = TimeSpan.FromSeconds(30);
        var run = new AppHostRun(appHost, configuration);
        try
        {
            await WaitForClassAsync(students, appHost);
            return run;
        }
        catch
        {
            run.Dispose();
            throw;
        }
    }

    /// <summary>The environment of the <c>http</c> profile in launchSettings.json, and its address as the AppHost's own.</summary>
    private static Dictionary<string, string> LaunchProfile(string project)
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(project, "Properties", "launchSettings.json")));
        var profile = settings.RootElement.GetProperty("profiles").EnumerateObject().First().Value;
        var environment = profile.GetProperty("environmentVariables").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        environment["ASPNETCORE_URLS"] = profile.GetProperty("applicationUrl").GetString()!;
        return environment;
    }

    private static async Task BuildAsync(string project, string configuration, string logPath)
    {
        var start = new ProcessStartInfo("dotnet", ["build", project, "-c", configuration, "-m:1", "-v", "q"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var build = Process.Start(start)!;
        var output = build.StandardOutput.ReadToEndAsync();
        var errors = build.StandardError.ReadToEndAsync();
        await build.WaitForExitAsync();
        await File.WriteAllTextAsync(logPath, await output + await errors);
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet build of the AppHost ({configuration}) failed; see {logPath}");
        }
    }

    private static async Task WaitForClassAsync(int students, ChildProcess appHost)
    {
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (true)
        {
            if (appHost.HasExited)
            {
                throw new InvalidOperationException($"The AppHost stopped; see {appHost.LogPath}");
            }

            try
            {
                using var clusters = await http.GetAsync($"{ApiUrl}/api/clusters");
                if (clusters.IsSuccessStatusCode
                    && (await clusters.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("points").GetArrayLength() == students)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No analysis of {students} students within 5 minutes; see {appHost.LogPath}");
            }

            await Task.Delay(1000);
        }
    }

    /// <summary>
    /// The api's own address behind Aspire's proxy: the <c>ASPNETCORE_URLS</c> of the api process the AppHost started
    /// (this checkout's build), or null when there is none.
    /// </summary>
    public string? ServiceUrl(string service)
    {
        var executable = Path.Combine(ReadsStack.RepositoryRoot(), "src", $"SpotifyDashboard.{service}", "bin", Configuration, "net10.0", $"SpotifyDashboard.{service}");
        foreach (var pid in ServiceProcesses(executable))
        {
            var environment = File.ReadAllText($"/proc/{pid}/environ").Split('\0');
            var urls = environment.FirstOrDefault(e => e.StartsWith("ASPNETCORE_URLS=", StringComparison.Ordinal))?["ASPNETCORE_URLS=".Length..];
            if (urls is not null)
            {
                return urls.Split(';')[0].Replace("localhost", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
            }
        }

        return null;
    }

    /// <summary>
    /// The api, the Aspire dashboard and DCP (its api server leaves the AppHost's tree and watches it with
    /// <c>--monitor &lt;pid&gt;</c>; its proxies carry the requests to 5081), for <see cref="CpuMeter"/>.
    /// </summary>
    public CpuMeter Cpu()
    {
        var processes = CpuMeter.Processes();
        var tops = processes.Where(p => p.Value.CommandLine.Contains($"--monitor {Id} ", StringComparison.Ordinal)).Select(p => p.Key).Append(Id).ToHashSet();
        bool Ours(int pid)
        {
            for (var p = pid; p > 1 && processes.ContainsKey(p); p = processes[p].Parent)
            {
                if (tops.Contains(p))
                {
                    return true;
                }
            }

            return false;
        }

        var aspire = processes.Where(p => Ours(p.Key)).ToList();
        var api = Path.Combine(ReadsStack.RepositoryRoot(), "src", "SpotifyDashboard.Api", "bin", Configuration, "net10.0", "SpotifyDashboard.Api");
        return new CpuMeter(
        [
            ("api", [.. ServiceProcesses(api)]),
            ("Aspire dashboard", [.. aspire.Where(p => p.Value.CommandLine.Contains("Aspire.Dashboard", StringComparison.Ordinal)).Select(p => p.Key)]),
            ("DCP", [.. aspire.Where(p => p.Value.CommandLine.Contains("/dcp ", StringComparison.Ordinal)).Select(p => p.Key)]),
        ]);
    }

    /// <summary>Processes running <paramref name="executable"/> (its apphost, or <c>dotnet</c> with its dll).</summary>
    internal static IEnumerable<int> ServiceProcesses(string executable)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            string[] cmdline;
            try
            {
                cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0');
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            if (cmdline[0] == executable || (cmdline.Length > 1 && cmdline[1] == executable + ".dll"))
            {
                yield return pid;
            }
        }
    }

    public void Dispose() => _appHost.Dispose();
}
