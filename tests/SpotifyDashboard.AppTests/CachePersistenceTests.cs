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

        var commands = fixture.App.Services.GetRequiredService<ResourceCommandService>();
        var result = await commands.ExecuteCommandAsync("cache-garnet", KnownResourceCommands.RestartCommand);
        Assert.True(result.Success, result.Message);
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync("cache-garnet", cts.Token);

        await using var after = await ConnectionMultiplexer.ConnectAsync(connectionString!);
        Assert.Equal(marker, (string?)await after.GetDatabase().StringGetAsync("sd:test:persistence"));
        Assert.True(await after.GetDatabase().HashLengthAsync("sd:responses:demo") >= 50);
    }
}
