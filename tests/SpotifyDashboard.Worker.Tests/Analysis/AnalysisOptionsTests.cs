using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SpotifyDashboard.Analysis;
using SpotifyDashboard.Worker;
using SpotifyDashboard.Worker.Analysis;

namespace SpotifyDashboard.Worker.Tests.Analysis;

/// <summary>The worker's part of the <c>Analysis</c> section: one registration for the analysis and the leader lock, checked at start.</summary>
public class AnalysisOptionsTests
{
    [Theory]
    [InlineData("Analysis:LockRenewInterval", "00:01:00", "Analysis:LockRenewInterval must be shorter than Analysis:LockExpiry")]
    [InlineData("Analysis:Debounce", "00:05:00", "Analysis:Debounce must not exceed Analysis:MaxDelay")]
    [InlineData("Analysis:CheckInterval", "00:00:00", "CheckInterval")]
    [InlineData("Analysis:Restarts", "0", "Restarts")]
    public void ABadSettingStopsTheWorkerNamingIt(string key, string value, string named)
    {
        using var services = WorkerAnalysis(new() { [key] = value });

        var refused = Assert.ThrowsAny<Exception>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(named, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheLockAndTheAnalysisReadOneRegistrationOfTheSection()
    {
        using var services = WorkerAnalysis(new() { ["Analysis:LockExpiry"] = "00:00:20", ["Analysis:Clusters"] = "auto" });

        var options = services.GetRequiredService<IOptions<AnalysisOptions>>().Value;

        Assert.Single(services.GetServices<IConfigureOptions<AnalysisOptions>>());
        Assert.Equal((TimeSpan.FromSeconds(20), true), (options.LockExpiry, options.IsAutoClusters));
    }

    private static ServiceProvider WorkerAnalysis(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddWorkerLeadership();
        services.AddAnalysisWorker();
        return services.BuildServiceProvider();
    }
}
