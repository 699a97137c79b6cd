using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The log levels a service starts with when nobody set any: ASP.NET Core's host and routing from Warning up, as the
/// ASP.NET Core templates' appsettings say. They write four Information lines per request (health probes included),
/// which cost more than answering a prepared read and repeat what the request's trace and metrics already hold.
/// Given as the lowest configuration source, so <c>Logging:LogLevel:*</c> from appsettings, the environment or the
/// command line still wins (e.g. <c>Logging__LogLevel__Microsoft.AspNetCore=Information</c>).
/// </summary>
public static class LogLevelDefaults
{
    public static readonly IReadOnlyDictionary<string, string?> Levels = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
    };

    public static TBuilder AddLogLevelDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Levels });
        return builder;
    }
}
