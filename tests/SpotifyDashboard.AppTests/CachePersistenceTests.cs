using System.Net.Http.Json;
using Aspire.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace SpotifyDashboard.AppTests;

/// <summary>
/// Stops the whole app and starts it again on the same data folder: what a user does with Ctrl+C
/// and `dotnet run`. The whole app rather than Aspire's restart command for the cache alone: on two loaded cores the
/// orchestrator at times fails to stop or start a single resource, and a restart of everything restarts the cache too.
/// </summary>
public class CachePersistenceTests : IAsyncLifetime
{
    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), $"sd-apptests-persist-{Guid.NewGuid():N}");

    /// <summary>
    /// Two starts on the same folders: everything in the cache and the teacher's upload are still there after a restart.
    /// A lost cache (its folder gone) keeping the uploaded class is checked on the api alone (LostCacheTests), and the
    /// AppHost handing the api its data folder in AppModelTests: a third start of the whole app would add only time.
    /// </summary>
    [Fact]
    public async Task DataSurvivesAStopAndAStartOfTheWholeApp()
    {
        var marker = Guid.NewGuid().ToString("N");
        var csv = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "class-survey.csv"));
        long responsesBefore;
        long students;
        await using (var first = await StartAsync())
        {
            await using var redis = await ConnectAsync(first);
            await redis.GetDatabase().StringSetAsync("sd:test:persistence", marker);
            responsesBefore = await WholeAppTests.WaitForAsync(
                () => redis.GetDatabase().HashLengthAsync("sd:responses:demo"),
                count => count >= 50);
            // The demo writes its class's documents first and its checkpoint after them: stopping in between (the
            // documents are already counted by HLEN) would be a checkpoint never written, not one lost.
            await WholeAppTests.WaitForAsync(() => redis.GetDatabase().KeyExistsAsync("sd:checkpoint:demo"), exists => exists);

            using var api = first.CreateHttpClient("api");
            api.DefaultRequestHeaders.Add("X-Admin-Key", AdminKey);
            var upload = new ByteArrayContent(csv);
            upload.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
            Assert.Equal(System.Net.HttpStatusCode.Accepted, (await api.PostAsync("/api/admin/upload?preview=false", upload)).StatusCode);
            students = (await WaitForClassAsync(api, s => s.ActiveSource == "csv" && s.Responses > 0)).Responses;
        }

        await using var second = await StartAsync();
        await using var after = await ConnectAsync(second);
        Assert.Equal(marker, (string?)await after.GetDatabase().StringGetAsync("sd:test:persistence"));
        Assert.True(await after.GetDatabase().HashLengthAsync("sd:responses:demo") >= responsesBefore);
        Assert.True(await after.GetDatabase().KeyExistsAsync("sd:checkpoint:demo"), "the demo checkpoint was lost");
        Assert.True(await after.GetDatabase().HashLengthAsync("sd:responses:csv") >= students, "the uploaded class's answers were lost");
        using var restarted = second.CreateHttpClient("api");
        var status = await WaitForClassAsync(restarted, s => s.ActiveSource == "csv" && s.Responses == students);
        Assert.Equal(SpotifyDashboard.Core.Contracts.StatusReport.LiveMode, status.Mode);
    }

    private const string AdminKey = "apptests-admin-key-for-the-lost-cache-test";

    private string SurveyDataPath => _dataPath + "-survey";

    private static Task<SpotifyDashboard.Core.Contracts.StatusReport> WaitForClassAsync(HttpClient api, Func<SpotifyDashboard.Core.Contracts.StatusReport, bool> done) =>
        WholeAppTests.WaitForAsync(
            async () => (await api.GetFromJsonAsync<SpotifyDashboard.Core.Contracts.StatusReport>("/api/status", SpotifyDashboard.Core.Storage.DashboardJson.Options))!,
            done,
            TimeSpan.FromSeconds(60));

    private async Task<DistributedApplication> StartAsync()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.SpotifyDashboard_AppHost>(
        [
            $"Cache:DataPath={_dataPath}",
            $"{SpotifyDashboard.AppHost.SurveyDataFolder.Setting}={SurveyDataPath}",
            "Parameters:pseudonym-key=apptests-pseudonym-key",
            $"Parameters:admin-key={AdminKey}",
            "Survey:PollInterval=00:00:01",
        ]);
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        var app = await builder.BuildAsync();
        using var cts = new CancellationTokenSource(AppFixture.StartTimeout);
        await app.StartAsync(cts.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("cache-garnet", cts.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("api", cts.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("worker", cts.Token);

        return app;
    }

    private static async Task<ConnectionMultiplexer> ConnectAsync(DistributedApplication app) =>
        await ConnectionMultiplexer.ConnectAsync((await app.GetConnectionStringAsync("cache"))!);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        foreach (var folder in (string[])[_dataPath, SurveyDataPath])
        {
            try
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }

        return Task.CompletedTask;
    }
}
