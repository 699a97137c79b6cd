using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace SpotifyDashboard.ServiceDefaults.Telemetry;

/// <summary>
/// Which service this is (<see cref="Name"/>: Aspire's <c>OTEL_SERVICE_NAME</c>, else the application's name) and
/// which build (<see cref="Version"/>: the informational version MinVer stamped from git, e.g.
/// <c>0.0.0-alpha.0.42+3f2a…</c>). What <c>/health/details</c>, the telemetry resource and the web's footer show.
/// </summary>
public sealed record ServiceIdentity(string Name, string Version)
{
    public static ServiceIdentity For(IHostApplicationBuilder builder)
    {
        var name = builder.Configuration["OTEL_SERVICE_NAME"];
        return new(string.IsNullOrWhiteSpace(name) ? builder.Environment.ApplicationName : name, VersionOf(ApplicationAssembly(builder.Environment)));
    }

    /// <summary>The informational version of <paramref name="assembly"/>: MinVer's version, then <c>+</c> and the commit when built from git.</summary>
    public static string VersionOf(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? assembly.GetName().Version?.ToString()
        ?? "unknown";

    /// <summary>
    /// The service's own assembly, not the entry assembly: under a test host (WebApplicationFactory) the entry is the
    /// test runner, while the application name still names the service.
    /// </summary>
    private static Assembly ApplicationAssembly(IHostEnvironment environment)
    {
        try
        {
            return Assembly.Load(new AssemblyName(environment.ApplicationName));
        }
        catch (Exception ex) when (ex is FileNotFoundException or FileLoadException or BadImageFormatException or ArgumentException)
        {
            return Assembly.GetEntryAssembly() ?? typeof(ServiceIdentity).Assembly;
        }
    }
}
