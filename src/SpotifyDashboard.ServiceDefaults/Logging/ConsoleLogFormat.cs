using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// How the services write their console logs. Outside Development: one JSON object per line, UTC timestamps and the
/// scopes, so a log collector reads each line as a record and finds the trace id of the request or operation that wrote
/// it. In Development the readable console stays, as people read it there in the Aspire dashboard. Either way the normal
/// settings win: <c>Logging:Console:FormatterName</c> (<c>json</c>, <c>simple</c>, <c>systemd</c>) and
/// <c>Logging:Console:FormatterOptions:*</c>. What goes to the Aspire dashboard over OTLP does not change.
/// </summary>
public static class ConsoleLogFormat
{
    public const string FormatterOptionsSection = "Logging:Console:FormatterOptions";

    /// <summary>ISO 8601 in UTC with milliseconds; the separators are quoted because the formatter uses the current culture.</summary>
    public const string UtcTimestampFormat = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z'";

    public static TBuilder AddConsoleLogFormat<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        // The host's default already tracks these; said here because the trace ids in the lines depend on it.
        builder.Logging.Configure(options =>
            options.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);

        if (builder.Environment.IsDevelopment())
        {
            return builder;
        }

        // Runs after the host bound Logging:Console, so an operator's FormatterName is kept.
        builder.Services.Configure<ConsoleLoggerOptions>(options => options.FormatterName ??= ConsoleFormatterNames.Json);

        var formatterSettings = builder.Configuration.GetSection(FormatterOptionsSection);
        builder.Services.Configure<JsonConsoleFormatterOptions>(options =>
        {
            options.IncludeScopes = true;
            options.UseUtcTimestamp = true;
            options.TimestampFormat = UtcTimestampFormat;
            options.JsonWriterOptions = options.JsonWriterOptions with { Indented = false };
            // Our defaults first, then whatever the operator set.
            formatterSettings.Bind(options);
        });

        return builder;
    }
}
