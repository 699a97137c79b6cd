using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SpotifyDashboard.Core.Configuration;
using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Core.Telemetry;
using SpotifyDashboard.Enrichment.Cache;
using SpotifyDashboard.Enrichment.Curation;
using SpotifyDashboard.Enrichment.Lookup;
using SpotifyDashboard.Enrichment.Options;
using SpotifyDashboard.Enrichment.Providers;
using SpotifyDashboard.Enrichment.Providers.ReccoBeats;
using SpotifyDashboard.Enrichment.Providers.Spotify;
using SpotifyDashboard.Enrichment.Status;
using SpotifyDashboard.Enrichment.Telemetry;
using StackExchange.Redis;

namespace SpotifyDashboard.Enrichment;

public static class EnrichmentServiceCollectionExtensions
{
    /// <summary>
    /// Song lookup (Spotify + ReccoBeats, each with its own resilience pipeline), the HybridCache
    /// over the app's Redis, provider status, curation. Needs an <see cref="IConnectionMultiplexer"/>
    /// (<c>builder.AddRedisClient("cache")</c>) and the host's <c>SurveyOptions</c>. Used by the worker and the api alike.
    /// </summary>
    public static IServiceCollection AddSongEnrichment(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SpotifyOptions>().Bind(configuration.GetSection(SpotifyOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ReccoBeatsOptions>().Bind(configuration.GetSection(ReccoBeatsOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<EnrichmentOptions>().Bind(configuration.GetSection(EnrichmentOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<SurveyResponseStore>();
        services.TryAddSingleton<ActiveSourceStore>();
        services.TryAddSingleton<ProviderStatusRegistry>();
        services.TryAddSingleton<ProviderStatusStore>();
        services.TryAddSingleton<EnrichmentTelemetry>();
        services.TryAddSingleton<PipelineTelemetry>();
        services.TryAddSingleton<CacheHitTelemetry>();
        services.TryAddSingleton<EnrichmentStatusReader>();
        services.TryAddSingleton<SongOverrideStore>();
        services.TryAddSingleton<SongCurator>();
        services.TryAddSingleton<SongCache>();
        services.TryAddSingleton<SpotifyTokenSource>();
        services.TryAddSingleton<SpotifyClient>();
        services.TryAddSingleton<ReccoBeatsClient>();
        services.TryAddSingleton<SongFeatureLookup>();
        services.TryAddSingleton<ISongFeatureLookup>(sp => sp.GetRequiredService<SongFeatureLookup>());
        services.TryAddSingleton<ITrackFeatureLookup>(sp => sp.GetRequiredService<SongFeatureLookup>());
        services.TryAddSingleton<SongEnricher>();

        AddTrackCache(services);
        AddProviderClients(services);
        return services;
    }

    /// <summary>
    /// The background loop; the worker only. It runs while the process leads (<see cref="IWorkerLeadership"/>); a host
    /// that registers none is taken to be the only worker.
    /// </summary>
    public static IServiceCollection AddEnrichmentWorker(this IServiceCollection services)
    {
        services.TryAddSingleton<IWorkerLeadership, SoleWorkerLeadership>();
        services.TryAddSingleton<EnrichmentWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<EnrichmentWorker>());
        return services;
    }

    private static void AddTrackCache(IServiceCollection services)
    {
        services.AddHybridCache();
        // Redis is the second level, over the multiplexer the app already has; entries are named sd:track:{song key}.
        services.AddStackExchangeRedisCache(_ => { });
        services.AddOptions<RedisCacheOptions>().Configure<IServiceProvider>((cache, sp) =>
        {
            cache.InstanceName = EnrichmentKeys.TrackCachePrefix;
            cache.ConnectionMultiplexerFactory = () => Task.FromResult(sp.GetRequiredService<IConnectionMultiplexer>());
        });
    }

    /// <summary>
    /// Named clients used by singleton provider classes through <see cref="IHttpClientFactory"/>.
    /// Each gets its own pipeline; the service defaults' standard handler is removed first.
    /// </summary>
    private static void AddProviderClients(IServiceCollection services)
    {
        static Uri BaseOf(string url) => new(url.TrimEnd('/') + "/");

        services.AddHttpClient(ProviderNames.SpotifyAccounts, (sp, http) => Configure(http, BaseOf(sp.GetRequiredService<IOptions<SpotifyOptions>>().Value.AccountsBaseUrl)))
            .AddProviderPipeline(ProviderNames.SpotifyAccounts, sp => sp.GetRequiredService<IOptions<SpotifyOptions>>().Value.Limits);
        services.AddHttpClient(ProviderNames.Spotify, (sp, http) => Configure(http, BaseOf(sp.GetRequiredService<IOptions<SpotifyOptions>>().Value.ApiBaseUrl)))
            .AddProviderPipeline(ProviderNames.Spotify, sp => sp.GetRequiredService<IOptions<SpotifyOptions>>().Value.Limits);
        services.AddHttpClient(ProviderNames.SpotifyAudioFeatures, (sp, http) => Configure(http, BaseOf(sp.GetRequiredService<IOptions<SpotifyOptions>>().Value.ApiBaseUrl)))
            .AddProviderPipeline(ProviderNames.SpotifyAudioFeatures, sp => sp.GetRequiredService<IOptions<SpotifyOptions>>().Value.Limits);
        services.AddHttpClient(ProviderNames.ReccoBeats, (sp, http) => Configure(http, BaseOf(sp.GetRequiredService<IOptions<ReccoBeatsOptions>>().Value.BaseUrl)))
            .AddProviderPipeline(ProviderNames.ReccoBeats, sp => sp.GetRequiredService<IOptions<ReccoBeatsOptions>>().Value.Limits);
    }

    private static void Configure(HttpClient http, Uri baseAddress)
    {
        http.BaseAddress = baseAddress;
        // The pipeline's total timeout governs; HttpClient's own 100 s would cut a honoured Retry-After short.
        http.Timeout = Timeout.InfiniteTimeSpan;
    }
}
