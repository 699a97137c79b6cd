using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;

namespace SpotifyDashboard.Bench.Reads;

/// <summary>
/// The api as shipped (its Release build, default settings, its own process) over a Garnet inside the bench, with the
/// demo class of <c>students</c> put there by the real worker, which is then stopped so that only the api works while
/// wrk runs. Or, with <c>--url</c>, an api already running (e.g. the whole app from the AppHost).
/// </summary>
public sealed class ReadsStack : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    private ReadsStack(string apiUrl, string? internalKey)
    {
        ApiUrl = apiUrl;
        InternalKey = internalKey;
    }

    public string ApiUrl { get; }

    /// <summary>The api's process, when the bench started it.</summary>
    public int? ApiPid { get; private set; }

    /// <summary>The key the web proves itself with (<c>Internal:Key</c>), when the bench knows it: needed to send requests as several users.</summary>
    public string? InternalKey { get; }

    public static ReadsStack Existing(string apiUrl, string? internalKey) => new(apiUrl.TrimEnd('/'), internalKey);

    public static async Task<ReadsStack> StartAsync(int students, string logFolder)
    {
        var root = RepositoryRoot();
        var api = Build(root, "SpotifyDashboard.Api");
        var worker = Build(root, "SpotifyDashboard.Worker");
        var garnet = LocalGarnet.StartIfAsked(LocalGarnet.Keyword)!;
        var internalKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        var stack = new ReadsStack($"http://127.0.0.1:{FreePort()}", internalKey);
        stack._owned.Add(garnet);
        var shared = new Dictionary<string, string>
        {
            ["ConnectionStrings__cache"] = garnet.Address,
            ["Survey__Source"] = "Demo",
            ["Demo__InitialStudents"] = students.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Demo__MaxStudents"] = students.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        try
        {
            var apiProcess = ChildProcess.StartDotnet(api, [], new Dictionary<string, string>(shared)
            {
                ["ASPNETCORE_URLS"] = stack.ApiUrl,
                ["Internal__Key"] = internalKey,
            }, Path.Combine(logFolder, "api.log"));
            stack._owned.Add(apiProcess);
            stack.ApiPid = apiProcess.Id;
            using (var workerProcess = ChildProcess.StartDotnet(worker, [], new Dictionary<string, string>(shared)
            {
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePort()}",
                ["Privacy__PseudonymKey"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)),
            }, Path.Combine(logFolder, "worker.log")))
            {
                await WaitForClassAsync(stack.ApiUrl, students, workerProcess, apiProcess);
            }

            return stack;
        }
        catch
        {
            stack.Dispose();
            throw;
        }
    }

    /// <summary>Until the api serves all the students and an analysis of every one of them.</summary>
    private static async Task WaitForClassAsync(string apiUrl, int students, ChildProcess worker, ChildProcess api)
    {
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            if (worker.HasExited || api.HasExited)
            {
                throw new InvalidOperationException($"The {(worker.HasExited ? "worker" : "api")} stopped; see {(worker.HasExited ? worker.LogPath : api.LogPath)}");
            }

            try
            {
                using var clusters = await http.GetAsync($"{apiUrl}/api/clusters");
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
                throw new TimeoutException($"No analysis of {students} students within 3 minutes; see {worker.LogPath} and {api.LogPath}");
            }

            await Task.Delay(500);
        }
    }

    /// <summary>The bare endpoint server serving what <paramref name="folder"/> holds, in a process with the api's GC mode.</summary>
    public ChildProcess StartBare(string folder, string url, string logFolder)
    {
        var bench = typeof(ReadsStack).Assembly.Location;
        var gcServer = ApiUsesServerGc() ? "1" : "0";
        var bare = ChildProcess.StartDotnet(bench, ["reads-bare", "--folder", folder, "--url", url], new Dictionary<string, string> { ["DOTNET_gcServer"] = gcServer }, Path.Combine(logFolder, "bare.log"));
        _owned.Add(bare);
        return bare;
    }

    /// <summary>What the api build next to the bench says (<c>System.GC.Server</c> in its runtimeconfig).</summary>
    private static bool ApiUsesServerGc()
    {
        var config = Path.ChangeExtension(Build(RepositoryRoot(), "SpotifyDashboard.Api"), ".runtimeconfig.json");
        using var json = JsonDocument.Parse(File.ReadAllText(config));
        return json.RootElement.GetProperty("runtimeOptions").TryGetProperty("configProperties", out var properties)
            && properties.TryGetProperty("System.GC.Server", out var server)
            && server.GetBoolean();
    }

    public void Dispose()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The project's build in the bench's own configuration (the bench references it, so it is built with it).</summary>
    internal static string Build(string root, string project)
    {
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        var dll = Path.Combine(root, "src", project, "bin", configuration, "net10.0", project + ".dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"No {configuration} build of {project}; run the bench with dotnet run -c Release", dll);
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SpotifyDashboard.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("Run the bench from inside the repository.");
    }
}
