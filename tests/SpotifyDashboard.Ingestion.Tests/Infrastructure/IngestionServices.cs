using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using SpotifyDashboard.Core.Privacy;
using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Core.Ingestion;
using SpotifyDashboard.Core.Configuration;
using SpotifyDashboard.Core.Telemetry;
using SpotifyDashboard.Ingestion.Ingest;
using StackExchange.Redis;

namespace SpotifyDashboard.Ingestion.Tests.Infrastructure;

/// <summary>The ingestion wired as the Worker wires it, over the test's Garnet (null for tests of readers only) and settings.</summary>
public static class IngestionServices
{
    public const string PseudonymKey = "test-pseudonym-key";

    public static ServiceProvider Build(
        IConnectionMultiplexer? redis,
        IDictionary<string, string?> settings,
        TimeProvider? time = null,
        bool storeNames = false,
        bool withDuty = false,
        ILoggerProvider? logs = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            if (logs is not null)
            {
                logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs);
            }
        });
        if (redis is not null)
        {
            services.AddSingleton(redis);
        }

        services.AddSingleton<SurveyResponseStore>();
        services.AddSingleton<SourceStatusStore>();
        services.AddSingleton<ActiveSourceStore>();
        services.AddSingleton<QuarantineStore>();
        services.AddSingleton(time ?? TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<PipelineTelemetry>();
        services.AddOptions<SurveyOptions>().Bind(configuration.GetSection(SurveyOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(new NamePolicy(new Pseudonymizer(PseudonymKey), storeNames));
        services.AddSurveyIngestion();
        if (withDuty)
        {
            services.AddSingleton<IngestDuty>();
        }

        // Production backs off for seconds; the tests keep the same policy with short base delays.
        // A Retry-After header still wins, which the 429 test relies on.
        services.ConfigureAll<HttpStandardResilienceOptions>(o => o.Retry.Delay = TimeSpan.FromMilliseconds(5));
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = redis is not null, ValidateScopes = true });
    }
}
