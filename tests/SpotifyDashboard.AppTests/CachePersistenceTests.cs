using Aspire.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace SpotifyDashboard.AppTests;

/// <summary>
/// Stops the whole app and starts it again on the same data folder: what a user does with Ctrl+C
/// and `dotnet run`. (Aspire's restart command for a single resource proved flaky under load on
/// 2 cores — the orchestrator sometimes failed to stop or start the process — so the test restarts
/// everything, which restarts the cache resource too.)
/// </summary>
public class CachePersistenceTests : IAsyncLifetime
{
    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), $"sd-apptests-persist-{Guid.NewGuid():N}");

    [Fact]
    public async Task DataSurvivesARestartOfTheCache()
    {
        var marker = Guid.NewGuid().ToString("N");
        long responsesBefore;
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
        }

        await using var second = await StartAsync();
        await using var after = await ConnectAsync(second);
        Assert.Equal(marker, (string?)await after.GetDatabase().StringGetAsync("sd:test:persistence"));
        Assert.True(await after.GetDatabase().HashLengthAsync("sd:responses:demo") >= responsesBefore);
        Assert.True(await after.GetDatabase().KeyExistsAsync("sd:checkpoint:demo"), "the demo checkpoint was lost");
    }

    private async Task<DistributedApplication> StartAsync()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.SpotifyDashboard_AppHost>(
        [
            $"Cache:DataPath={_dataPath}",
            "Parameters:pseudonym-key=apptests-pseudonym-key",
        ]);
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        var app = await builder.BuildAsync();
        using var cts = new CancellationTokenSource(AppFixture.StartTimeout);
        await app.StartAsync(cts.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("cache-garnet", cts.Token);
        return app;
    }

    private static async Task<ConnectionMultiplexer> ConnectAsync(DistributedApplication app) =>
        await ConnectionMultiplexer.ConnectAsync((await app.GetConnectionStringAsync("cache"))!);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_dataPath, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }

        return Task.CompletedTask;
    }
}
