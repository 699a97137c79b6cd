using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace SpotifyDashboard.AppTests;

/// <summary>What the AppHost models, read from the application model without starting anything.</summary>
public class AppModelTests
{
    [Fact]
    public async Task ByDefaultTheCacheIsGarnetInAProject()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.SpotifyDashboard_AppHost>();

        Assert.DoesNotContain(builder.Resources, r => r is RedisResource);
        Assert.Contains(builder.Resources, r => r is ProjectResource { Name: "cache-garnet" });
        Assert.Contains(builder.Resources, r => r is IResourceWithConnectionString { Name: "cache" });
    }

    [Fact]
    public async Task ASettingSwitchesToARedisContainer()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.SpotifyDashboard_AppHost>(["Cache:UseContainer=true"]);

        Assert.Contains(builder.Resources, r => r is RedisResource { Name: "cache" });
        Assert.DoesNotContain(builder.Resources, r => r.Name == "cache-garnet");
    }

    [Fact]
    public async Task PublishModeAlwaysModelsRedis()
    {
        var output = Path.Combine(Path.GetTempPath(), $"sd-manifest-{Guid.NewGuid():N}");
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.SpotifyDashboard_AppHost>(
            ["--operation", "publish", "--publisher", "manifest", "--output-path", output]);

        Assert.True(builder.ExecutionContext.IsPublishMode);
        Assert.Contains(builder.Resources, r => r is RedisResource { Name: "cache" });
        Assert.DoesNotContain(builder.Resources, r => r.Name == "cache-garnet");
    }
}
