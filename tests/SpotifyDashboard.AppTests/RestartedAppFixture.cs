using System.Net.Http.Json;
using Aspire.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SpotifyDashboard.Core.Contracts;
using SpotifyDashboard.Core.Storage;
using StackExchange.Redis;

namespace SpotifyDashboard.AppTests;

/// <summary>
/// The whole app stopped and started again on the same data folders, as a user does with Ctrl+C and `dotnet run`. The
/// first run holds the demo class and a marker key, then the teacher uploads the Forms file
/// (<c>Fixtures/class-survey.csv</c>; no Spotify credentials here). The tests read the second run. The whole app rather
/// than Aspire's restart command for the cache alone: on two loaded cores the orchestrator at times fails to stop or
/// start a single resource, and a restart of everything restarts the cache too.
/// </summary>
public sealed class RestartedAppFixture : IAsyncLifetime
{
    public const string AdminKey = "apptests-admin-key-for-the-restart-tests";

    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), $"sd-apptests-persist-{Guid.NewGuid():N}");

    /// <summary>A value the first run wrote straight into the cache.</summary>
    public string Marker { get; } = Guid.NewGuid().ToString("N");

    /// <summary>The demo answers the cache held when the first run stopped.</summary>
    public long DemoResponsesBefore { get; private set; }

    /// <summary>The uploaded class's answers when the first run stopped.</summary>
    public long UploadedStudents { get; private set; }

    /// <summary>The second run.</summary>
    public DistributedApplication App { get; private set; } = null!;

    public HttpClient Api { get; private set; } = null!;

    public ConnectionMultiplexer Redis { get; private set; } = null!;

    private string SurveyDataPath => _dataPath + "-survey";

    public async Task InitializeAsync()
    {
        var csv = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "class-survey.csv"));
        await using (var first = await StartAsync())
        {
            await using var redis = await ConnectAsync(first);
            await redis.GetDatabase().StringSetAsync("sd:test:persistence", Marker);
            DemoResponsesBefore = await WholeAppTests.WaitForAsync(
                () => redis.GetDatabase().HashLengthAsync("sd:responses:demo"),
                count => count >= 50);
            // The demo writes its class's documents first and its checkpoint after them: stopping in between (the
            // documents are already counted by HLEN) would be a checkpoint never written, not one lost.
            await WholeAppTests.WaitForAsync(() => redis.GetDatabase().KeyExistsAsync("sd:checkpoint:demo"), exists => exists);

            using var api = first.CreateHttpClient("api");
            api.DefaultRequestHeaders.Add("X-Admin-Key", AdminKey);
            using var upload = new ByteArrayContent(csv);
            upload.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
            Assert.Equal(System.Net.HttpStatusCode.Accepted, (await api.PostAsync("/api/admin/upload?preview=false", upload)).StatusCode);
            UploadedStudents = (await WaitForClassAsync(api, s => s.ActiveSource == "csv" && s.Responses > 0)).Responses;
        }

        App = await StartAsync();
        Redis = await ConnectAsync(App);
        Api = App.CreateHttpClient("api");
    }

    public static Task<StatusReport> WaitForClassAsync(HttpClient api, Func<StatusReport, bool> done) =>
        WholeAppTests.WaitForAsync(
            async () => (await api.GetFromJsonAsync<StatusReport>("/api/status", DashboardJson.Options))!,
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

    public async Task DisposeAsync()
    {
        Api?.Dispose();
        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }

        if (App is not null)
        {
            await App.DisposeAsync();
        }

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
    }
}

[CollectionDefinition(Name)]
public sealed class RestartedAppCollection : ICollectionFixture<RestartedAppFixture>
{
    public const string Name = "restarted app";
}
