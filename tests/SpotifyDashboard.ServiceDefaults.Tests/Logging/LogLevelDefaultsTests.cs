using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SpotifyDashboard.ServiceDefaults.Tests.Logging;

/// <summary>ASP.NET Core's per-request lines are off unless someone turns them on; settings win over the default.</summary>
public sealed class LogLevelDefaultsTests
{
    private const string HostCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    [Fact]
    public void TheHostsRequestLinesAreOffButItsWarningsAndOurOwnLinesStay()
    {
        using var app = Build();
        var factory = app.Services.GetRequiredService<ILoggerFactory>();

        Assert.False(factory.CreateLogger(HostCategory).IsEnabled(LogLevel.Information));
        Assert.True(factory.CreateLogger(HostCategory).IsEnabled(LogLevel.Warning));
        Assert.True(factory.CreateLogger("SpotifyDashboard.Worker.Demo.DemoSurveyWorker").IsEnabled(LogLevel.Information));
    }

    [Theory]
    [InlineData("Logging:LogLevel:Microsoft.AspNetCore")]
    [InlineData("Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics")]
    public void AnOperatorsSettingWins(string setting)
    {
        using var app = Build(new() { [setting] = "Information" });
        var factory = app.Services.GetRequiredService<ILoggerFactory>();

        Assert.True(factory.CreateLogger(HostCategory).IsEnabled(LogLevel.Information));
    }

    private static WebApplication Build(Dictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(settings ?? []);
        builder.AddServiceDefaults();
        return builder.Build();
    }
}
