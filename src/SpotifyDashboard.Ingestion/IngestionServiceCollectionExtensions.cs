using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SpotifyDashboard.Core.Configuration;
using SpotifyDashboard.Ingestion.Ingest;
using SpotifyDashboard.Ingestion.Mapping;
using SpotifyDashboard.Ingestion.Reading;

namespace SpotifyDashboard.Ingestion;

public static class IngestionServiceCollectionExtensions
{
    /// <summary>
    /// The survey ingestion: the Sheets and CSV readers (typed clients with the standard resilience handler) and the
    /// ingestor, for the <see cref="IngestDuty"/> the worker runs. The host registers what it shares with the other
    /// stages: the cache's multiplexer, the stores, <c>SurveyOptions</c>, a <c>NamePolicy</c>, the telemetry and a
    /// <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddSurveyIngestion(this IServiceCollection services)
    {
        services.AddSingleton(sp => new HeaderMapper(sp.GetRequiredService<IOptions<SurveyOptions>>().Value.Columns));
        services.AddSingleton<ServiceAccountTokenSource>();
        // The services' defaults already add a standard handler to every client: replace it rather
        // than stack a second one, so the same pipeline applies in the worker and in tests.
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked experimental.
        services.AddHttpClient<GoogleSheetReader>().RemoveAllResilienceHandlers().AddStandardResilienceHandler();
        services.AddHttpClient<CsvUrlReader>().RemoveAllResilienceHandlers().AddStandardResilienceHandler();
        // Google's auth library retries its token requests, follows redirects and decompresses by itself.
        services.AddHttpClient(ServiceAccountTokenSource.HttpClientName).RemoveAllResilienceHandlers()
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, AutomaticDecompression = System.Net.DecompressionMethods.None });
#pragma warning restore EXTEXP0001

        services.AddScoped<SurveyTableReaderFactory>();
        services.AddScoped<SurveyIngestor>();
        services.AddScoped<SurveySourcePoller>();
        return services;
    }
}
