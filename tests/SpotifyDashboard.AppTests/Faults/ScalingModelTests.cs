using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using SpotifyDashboard.AppHost;

namespace SpotifyDashboard.AppTests.Faults;

/// <summary>What <c>Scale:Workers</c> and <c>Scale:Apis</c> do to the app model, read without starting anything.</summary>
public class ScalingModelTests
{
    [Fact]
    public async Task ByDefaultEveryServiceRunsOnce()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.SpotifyDashboard_AppHost>();

        foreach (var name in new[] { "worker", "api", "web" })
        {
            Assert.Empty(builder.Resources.Single(r => r.Name == name).Annotations.OfType<ReplicaAnnotation>());
        }
    }

    [Fact]
    public async Task TheSettingsAskForWorkerAndApiReplicas()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.SpotifyDashboard_AppHost>([$"{Scaling.Workers}=2", $"{Scaling.Apis}=3"]);

        Assert.Equal(2, Replicas(builder, "worker"));
        Assert.Equal(3, Replicas(builder, "api"));
        Assert.Empty(builder.Resources.Single(r => r.Name == "web").Annotations.OfType<ReplicaAnnotation>());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("5")]
    public async Task AReplicaCountOutOfRangeIsRefusedWithTheSettingsName(string count)
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => DistributedApplicationTestingBuilder.CreateAsync<Projects.SpotifyDashboard_AppHost>([$"{Scaling.Workers}={count}"]));

        Assert.Contains(Scaling.Workers, error.Message, StringComparison.Ordinal);
    }

    private static int Replicas(IDistributedApplicationTestingBuilder builder, string name) =>
        builder.Resources.Single(r => r.Name == name).Annotations.OfType<ReplicaAnnotation>().Single().Replicas;
}
