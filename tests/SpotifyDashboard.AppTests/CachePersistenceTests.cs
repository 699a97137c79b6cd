using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace SpotifyDashboard.AppTests;

[Collection(AppCollection.Name)]
public class CachePersistenceTests(AppFixture fixture)
{
    [Fact]
    public async Task DataSurvivesARestartOfTheCacheResource()
    {
        var connectionString = await fixture.App.GetConnectionStringAsync("cache");
        var marker = Guid.NewGuid().ToString("N");
        await using (var before = await ConnectionMultiplexer.ConnectAsync(connectionString!))
        {
            await before.GetDatabase().StringSetAsync("sd:test:persistence", marker);
        }

        // The cache's own log explains a failed restart far better than the exception does.
        var logs = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var watch = new CancellationTokenSource();
        _ = Task.Run(async () =>
        {
            await foreach (var batch in fixture.App.Services.GetRequiredService<ResourceLoggerService>().WatchAsync("cache-garnet").WithCancellation(watch.Token))
            {
                foreach (var line in batch)
                {
                    logs.Enqueue(line.Content);
                }
            }
        });

        var commands = fixture.App.Services.GetRequiredService<ResourceCommandService>();
        var result = await commands.ExecuteCommandAsync("cache-garnet", KnownResourceCommands.RestartCommand);
        Assert.True(result.Success, result.Message);
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync("cache-garnet", cts.Token);
        }
        catch (Exception ex)
        {
            Assert.Fail($"The cache did not come back: {ex.Message}\n{string.Join("\n", logs.TakeLast(60))}");
        }
        finally
        {
            await watch.CancelAsync();
        }

        await using var after = await ConnectionMultiplexer.ConnectAsync(connectionString!);
        Assert.Equal(marker, (string?)await after.GetDatabase().StringGetAsync("sd:test:persistence"));
        Assert.True(await after.GetDatabase().HashLengthAsync("sd:responses:demo") >= 50);
    }
}
