using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using SpotifyDashboard.AppHost;

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

    [Fact]
    public async Task GarnetGetsAGeneratedPasswordAndTheConnectionStringCarriesIt()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.SpotifyDashboard_AppHost>();

        var password = Assert.Single(builder.Resources.OfType<ParameterResource>(), p => p.Name == "cache-password");
        Assert.True(password.Secret);
        // Generated once, then kept in the AppHost's user-secrets like pseudonym-key.
        Assert.Equal("UserSecretsParameterDefault", password.Default?.GetType().Name);
        var garnet = builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "cache-garnet");
        Assert.Same(password, (await EnvironmentOf(garnet, builder.ExecutionContext))["Cache__Password"]);
        var cache = builder.Resources.OfType<IResourceWithConnectionString>().Single(r => r.Name == "cache");
        Assert.Contains("password={cache-password.value}", cache.ConnectionStringExpression.ValueExpression);
    }

    [Fact]
    public async Task PublishModeRedisRequiresThePasswordAndKeepsAnAppendOnlyFile()
    {
        var output = Path.Combine(Path.GetTempPath(), $"sd-manifest-{Guid.NewGuid():N}");
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.SpotifyDashboard_AppHost>(
            ["--operation", "publish", "--publisher", "manifest", "--output-path", output]);

        var redis = builder.Resources.OfType<RedisResource>().Single(r => r.Name == "cache");
        Assert.Equal("cache-password", redis.PasswordParameter?.Name);
        Assert.Contains("password={cache-password.value}", redis.ConnectionStringExpression.ValueExpression);
        var command = string.Join(' ', await ArgumentsOf(redis));
        Assert.Contains("--requirepass", command);
        Assert.Contains("--appendonly yes", command);
        Assert.Contains(redis.Annotations.OfType<ContainerMountAnnotation>(), m => m.Target == "/data");
    }

    [Fact]
    public async Task TheWebGetsAGeneratedSecretForItsKeyRingThatNoOtherServiceGets()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.SpotifyDashboard_AppHost>();

        var secret = Assert.Single(builder.Resources.OfType<ParameterResource>(), p => p.Name == "data-protection-secret");
        Assert.True(secret.Secret);
        Assert.Equal("UserSecretsParameterDefault", secret.Default?.GetType().Name);
        var projects = builder.Resources.OfType<ProjectResource>().ToDictionary(p => p.Name);
        Assert.Same(secret, (await EnvironmentOf(projects["web"], builder.ExecutionContext))["DataProtection__KeyEncryptionSecret"]);
        foreach (var other in (string[])["api", "worker"])
        {
            Assert.DoesNotContain(secret, (await EnvironmentOf(projects[other], builder.ExecutionContext)).Values);
        }
    }

    [Fact]
    public async Task TheApiKeepsTheTeachersChoicesBesideTheCachesDataUnlessToldWhere()
    {
        var byDefault = await DistributedApplicationTestingBuilder.CreateAsync<Projects.SpotifyDashboard_AppHost>();
        var elsewhere = Path.Combine(Path.GetTempPath(), "sd-survey-elsewhere");
        var configured = await DistributedApplicationTestingBuilder.CreateAsync<Projects.SpotifyDashboard_AppHost>([$"{SurveyDataFolder.Setting}={elsewhere}"]);

        var path = (string)(await EnvironmentOf(byDefault.Resources.Single(r => r.Name == "api"), byDefault.ExecutionContext))["ActiveSource__DataPath"];
        var garnet = (string)(await EnvironmentOf(byDefault.Resources.Single(r => r.Name == "cache-garnet"), byDefault.ExecutionContext))["Cache__DataPath"];
        Assert.Equal(Path.Combine(Path.GetDirectoryName(garnet)!, "survey"), path);
        Assert.Equal(elsewhere, (await EnvironmentOf(configured.Resources.Single(r => r.Name == "api"), configured.ExecutionContext))["ActiveSource__DataPath"]);
    }

    private static async Task<IReadOnlyList<string>> ArgumentsOf(IResource resource)
    {
        var args = new List<object>();
        foreach (var annotation in resource.Annotations.OfType<CommandLineArgsCallbackAnnotation>())
        {
            await annotation.Callback(new CommandLineArgsCallbackContext(args));
        }

        return [.. args.Select(a => a.ToString() ?? "")];
    }

    private static async Task<Dictionary<string, object>> EnvironmentOf(IResource resource, DistributedApplicationExecutionContext executionContext)
    {
        var environment = new Dictionary<string, object>();
        foreach (var annotation in resource.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await annotation.Callback(new EnvironmentCallbackContext(executionContext, resource, environment));
        }

        return environment;
    }
}
