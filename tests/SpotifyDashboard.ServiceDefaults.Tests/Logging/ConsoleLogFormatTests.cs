using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace SpotifyDashboard.ServiceDefaults.Tests.Logging;

/// <summary>The console log format AddServiceDefaults picks per environment, and that the normal settings still win.</summary>
public sealed class ConsoleLogFormatTests
{
    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void OutsideDevelopmentTheConsoleWritesOneJsonRecordPerLineWithScopesAndUtcTimestamps(string environment)
    {
        using var app = Build(environment);

        Assert.Equal(ConsoleFormatterNames.Json, Console(app).FormatterName);
        var json = Json(app);
        Assert.True(json.IncludeScopes);
        Assert.True(json.UseUtcTimestamp);
        Assert.Equal(ConsoleLogFormat.UtcTimestampFormat, json.TimestampFormat);
        Assert.False(json.JsonWriterOptions.Indented);
        Assert.Equal("2026-03-04T05:06:07.089Z", new DateTimeOffset(2026, 3, 4, 5, 6, 7, 89, TimeSpan.Zero).ToString(json.TimestampFormat, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void InDevelopmentTheReadableConsoleStays()
    {
        using var app = Build("Development");

        // No formatter chosen: the console logger's default, the simple (readable) one.
        Assert.Null(Console(app).FormatterName);
        Assert.False(Json(app).IncludeScopes);
    }

    [Fact]
    public void AnOperatorsFormatterAndItsOptionsWinOutsideDevelopment()
    {
        using var app = Build("Production", new()
        {
            ["Logging:Console:FormatterName"] = "simple",
            ["Logging:Console:FormatterOptions:IncludeScopes"] = "false",
            ["Logging:Console:FormatterOptions:TimestampFormat"] = "HH:mm:ss ",
        });

        Assert.Equal(ConsoleFormatterNames.Simple, Console(app).FormatterName);
        Assert.False(Json(app).IncludeScopes);
        Assert.Equal("HH:mm:ss ", Json(app).TimestampFormat);
        Assert.True(Json(app).UseUtcTimestamp);
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public void EveryLineWrittenInATracedOperationCarriesItsTraceAndSpanIds(string environment)
    {
        using var app = Build(environment);

        var tracking = app.Services.GetRequiredService<IOptions<LoggerFactoryOptions>>().Value.ActivityTrackingOptions;
        Assert.True(tracking.HasFlag(ActivityTrackingOptions.TraceId));
        Assert.True(tracking.HasFlag(ActivityTrackingOptions.SpanId));
    }

    private static WebApplication Build(string environment, Dictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(settings ?? []);
        builder.AddServiceDefaults();
        return builder.Build();
    }

    private static ConsoleLoggerOptions Console(WebApplication app) =>
        app.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;

    private static JsonConsoleFormatterOptions Json(WebApplication app) =>
        app.Services.GetRequiredService<IOptionsMonitor<JsonConsoleFormatterOptions>>().CurrentValue;
}
