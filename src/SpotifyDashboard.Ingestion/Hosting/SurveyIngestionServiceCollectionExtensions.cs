using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SpotifyDashboard.Core.Ingestion;
using SpotifyDashboard.Core.Configuration;
using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Core.Telemetry;
using SpotifyDashboard.Ingestion.Ingest;
using SpotifyDashboard.Ingestion.Mapping;
using SpotifyDashboard.Ingestion.Reading;

namespace SpotifyDashboard.Ingestion.Hosting;

public static class SurveyIngestionServiceCollectionExtensions
{
    /// <summary>
    /// The survey ingestion: options (<c>Survey</c> section), the Sheets and CSV readers (typed clients
    /// with the standard resilience handler), the ingestor and the polling worker. The host must also
    /// register IConnectionMultiplexer, SurveyResponseStore, SourceStatusStore and a <see cref="NamePolicy"/>.
    /// </summary>
    public static IServiceCollection AddSurveyIngestion(this IServiceCollection services, IConfiguration configuration)
    {
        AddSurveyIngestionCore(services, configuration);
        services.AddHostedService(sp => sp.GetRequiredService<SurveyIngestionWorker>());
        services.AddSingleton<SurveyIngestionWorker>();
        return services;
    }

    /// <summary>Everything but the hosted worker (for tests and the bench).</summary>
    public static IServiceCollection AddSurveyIngestionCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SurveyOptions>().Bind(configuration.GetSection(SurveyOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<PipelineTelemetry>();
        services.TryAddSingleton<ActiveSourceStore>();
        // A host without the worker's lock is taken to be the only worker.
        services.TryAddSingleton<IWorkerLeadership, SoleWorkerLeadership>();

        services.TryAddSingleton<QuarantineStore>();
        services.TryAddSingleton<SurveyPollOutcome>();
        services.TryAddSingleton(sp => new HeaderMapper(sp.GetRequiredService<IOptions<SurveyOptions>>().Value.Columns));
        services.TryAddSingleton<ServiceAccountTokenSource>();
        // The services' defaults already add a standard handler to every client: replace it rather
        // than stack a second one, so the same pipeline applies in the worker and in tests.
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked experimental.
        services.AddHttpClient<GoogleSheetReader>().RemoveAllResilienceHandlers().AddStandardResilienceHandler();
        services.AddHttpClient<CsvUrlReader>().RemoveAllResilienceHandlers().AddStandardResilienceHandler();
        // Google's auth library retries its token requests, follows redirects and decompresses by itself.
        services.AddHttpClient(ServiceAccountTokenSource.HttpClientName).RemoveAllResilienceHandlers()
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, AutomaticDecompression = System.Net.DecompressionMethods.None });
#pragma warning restore EXTEXP0001

        services.TryAddScoped<SurveyTableReaderFactory>();
        services.TryAddScoped<SurveyIngestor>();
        services.TryAddScoped<SurveySourcePoller>();
        return services;
    }
}
