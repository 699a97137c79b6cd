using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SpotifyDashboard.AppHost;
using SpotifyDashboard.Core.Storage;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace SpotifyDashboard.AppTests.Faults;

/// <summary>
/// The AppHost with <c>Scale:Workers=2</c> and <c>Scale:Apis=2</c>, on a demo class of 30 that does not grow: exactly one
/// worker replica holds the leader lock the whole time, and both api replicas, asked directly, serve the same class and
/// the same analysis.
/// </summary>
public sealed class ReplicasAppTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int ClassSize = 30;

    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), $"sd-apptests-replicas-{Guid.NewGuid():N}");
    private readonly ConcurrentDictionary<string, (string Resource, string? State)> _states = new(StringComparer.Ordinal);
    private const string NoLeader = "(none)";

    private readonly CancellationTokenSource _stop = new();
    private Task _following = Task.CompletedTask;
    private DistributedApplication _app = null!;

    [Fact]
    public async Task TwoWorkersElectOneLeaderAndTwoApisServeTheSameResults()
    {
        var workers = ReplicaNames("worker");
        var apis = ReplicaNames("api");
        Assert.Equal(2, workers.Count);
        Assert.Equal(2, apis.Count);

        using var first = new HttpClient { BaseAddress = ReplicaAddress(apis[0]) };
        using var second = new HttpClient { BaseAddress = ReplicaAddress(apis[1]) };
        Assert.NotEqual(first.BaseAddress, second.BaseAddress);

        await using var redis = await ConnectionMultiplexer.ConnectAsync((await _app.GetConnectionStringAsync("cache"))!);
        var samples = new ConcurrentQueue<string>();
        var clusters = await PageWaits.UntilAsync(
            async () =>
            {
                // Sampled while the class is analysed: the lock never changes hands.
                samples.Enqueue((string?)await redis.GetDatabase().StringGetAsync(RedisKeys.WorkerLock) ?? NoLeader);
                return (await BodyAsync(first, "/api/clusters"), await BodyAsync(second, "/api/clusters"));
            },
            c => PointCount(c.Item1) == ClassSize && PointCount(c.Item2) == ClassSize,
            TimeSpan.FromSeconds(120));
        Assert.Equal(clusters.Item1, clusters.Item2);
        Assert.Equal(await CountAsync(first), await CountAsync(second));
        Assert.Equal(ClassSize, await CountAsync(first));

        // Before the first worker takes the lock there is none; from then on it must stay with that one worker (a gap
        // or a second token would be a hand-over while the class was being analysed).
        var leader = Assert.Single(samples.SkipWhile(l => l == NoLeader).Distinct(StringComparer.Ordinal));
        // The token is machine/process id/guid; the process is a worker replica's (or its launcher's child).
        var leaderPid = int.Parse(leader.Split('/')[1], CultureInfo.InvariantCulture);
        var holders = workers.Where(w => WorkerKillTests.ProcessTree(ReplicaPid(w)).Contains(leaderPid)).ToList();
        output.WriteLine($"leader {leader}; workers {string.Join(", ", workers.Select(w => $"{w}={ReplicaPid(w)}"))}");
        Assert.Single(holders);
    }

    private List<string> ReplicaNames(string resource) =>
        [.. _states.Where(s => s.Value.Resource == resource && s.Value.State == KnownResourceStates.Running).Select(s => s.Key).Order(StringComparer.Ordinal)];

    /// <summary>
    /// Keeps every resource instance's latest state. The orchestrator names each replica (resource name plus a suffix);
    /// its notifications say which resource it is of.
    /// </summary>
    private async Task FollowStatesAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var e in _app.ResourceNotifications.WatchAsync(cancellationToken))
            {
                _states[e.ResourceId] = (e.Resource.Name, e.Snapshot.State?.Text);
            }
        }
        catch (OperationCanceledException)
        {
            // The test is over.
        }
    }

    private CustomResourceSnapshot Snapshot(string replica)
    {
        Assert.True(_app.ResourceNotifications.TryGetCurrentState(replica, out var state), $"no state for {replica}");
        return state.Snapshot;
    }

    private int ReplicaPid(string replica) =>
        Convert.ToInt32(Snapshot(replica).Properties.Single(p => p.Name == "executable.pid").Value, CultureInfo.InvariantCulture);

    /// <summary>
    /// A replica's own address: the resource's URL is the orchestrator's proxy shared by all replicas (it takes turns),
    /// while each replica listens on the port its ASPNETCORE_URLS names.
    /// </summary>
    private Uri ReplicaAddress(string replica) =>
        new(Snapshot(replica).EnvironmentVariables.Single(e => e.Name == "ASPNETCORE_URLS").Value!.Split(';')[0]);

    /// <summary>
    /// The body of a 2xx answer, or "" while the replica cannot answer yet: "Running" means its process was launched, not
    /// that Kestrel listens, so a refused connection right after the start is a replica still starting (the waits go on
    /// until both answer in full).
    /// </summary>
    private static async Task<string> BodyAsync(HttpClient client, string path)
    {
        try
        {
            using var response = await client.GetAsync(path);
            return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync() : "";
        }
        catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ConnectionError)
        {
            return "";
        }
    }

    private static int PointCount(string clusters) =>
        clusters.Length == 0 ? 0 : JsonDocument.Parse(clusters).RootElement.GetProperty("points").GetArrayLength();

    private static async Task<long> CountAsync(HttpClient client) =>
        JsonDocument.Parse(await BodyAsync(client, "/api/status")).RootElement.GetProperty("responses").GetInt64();

    public async Task InitializeAsync()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.SpotifyDashboard_AppHost>(
        [
            $"{Scaling.Workers}=2",
            $"{Scaling.Apis}=2",
            $"Demo:InitialStudents={ClassSize}",
            $"Demo:MaxStudents={ClassSize}",
            $"Cache:DataPath={_dataPath}",
            $"ActiveSource:DataPath={Path.Combine(_dataPath, "survey")}",
            "Parameters:pseudonym-key=apptests-pseudonym-key",
        ]);
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        _app = await builder.BuildAsync();
        using var cts = new CancellationTokenSource(AppFixture.StartTimeout);
        await _app.StartAsync(cts.Token);
        _following = FollowStatesAsync(_stop.Token);

        // Running, not healthy: the orchestrator's health check of a replicated resource goes through its shared
        // proxy, so a replica's own health is not reported; the test asks each api replica directly instead.
        await PageWaits.UntilAsync(
            () => Task.FromResult(ReplicaNames("worker").Count + ReplicaNames("api").Count),
            running => running == 4,
            TimeSpan.FromMinutes(2));
        output.WriteLine(string.Join("; ", _states.Select(s => $"{s.Key} ({s.Value.Resource}) {s.Value.State}")));
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _following;
        _stop.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        try
        {
            Directory.Delete(_dataPath, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
