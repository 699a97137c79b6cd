using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SpotifyDashboard.Core.Configuration;
using SpotifyDashboard.Core.Storage;
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
    /// Song lookup (Spotify + ReccoBeats, each with its own resilience pipeline), the HybridCache over the app's Redis,
    /// provider status and curation: what the worker and the api both use. The host registers what it shares with the
    /// other stages: the cache's multiplexer, <c>SurveyResponseStore</c>, <c>ActiveSourceStore</c>, <c>SurveyOptions</c>,
    /// the Core telemetry and a <see cref="TimeProvider"/>; the worker adds <see cref="SongEnricher"/> and its duty.
    /// </summary>
    public static IServiceCollection AddSongLookup(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SpotifyOptions>().Bind(configuration.GetSection(SpotifyOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ReccoBeatsOptions>().Bind(configuration.GetSection(ReccoBeatsOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<EnrichmentOptions>().Bind(configuration.GetSection(EnrichmentOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton<ProviderStatusRegistry>();
        services.AddSingleton<ProviderStatusStore>();
        services.AddSingleton<EnrichmentTelemetry>();
        services.AddSingleton<EnrichmentStatusReader>();
        services.AddSingleton<SongOverrideStore>();
        services.AddSingleton<SongCurator>();
        services.AddSingleton<SongCache>();
        services.AddSingleton<SpotifyTokenSource>();
        services.AddSingleton<SpotifyClient>();
        services.AddSingleton<ReccoBeatsClient>();
        services.AddSingleton<SongFeatureLookup>();
        services.AddSingleton<ISongFeatureLookup>(sp => sp.GetRequiredService<SongFeatureLookup>());
        services.AddSingleton<ITrackFeatureLookup>(sp => sp.GetRequiredService<SongFeatureLookup>());

        AddTrackCache(services);
        AddProviderClients(services);
        return services;
    }

    private static void AddTrackCache(IServiceCollection services)
    {
        services.AddHybridCache();
        // Redis is the second level, over the multiplexer the app already has; entries are named sd:track:{song key}.
        services.AddStackExchangeRedisCache(_ => { });
        services.AddOptions<RedisCacheOptions>().Configure<IServiceProvider>((cache, sp) =>
        {
            cache.InstanceName = RedisKeys.TrackCachePrefix;
            cache.ConnectionMultiplexerFactory = () => Task.FromResult(sp.GetRequiredService<IConnectionMultiplexer>());
        });
    }

    /// <summary>
    /// Named clients used by singleton provider classes through <see cref="IHttpClientFactory"/>.
    /// Each gets its own pipeline; the service defaults' standard handler is removed first.
    /// </summary>
    private static void AddProviderClients(IServiceCollection services)
    {
        void Add(string provider, Func<IServiceProvider, string> baseUrl, Func<IServiceProvider, ProviderLimits> limits) =>
            services.AddHttpClient(provider, (sp, http) =>
            {
                http.BaseAddress = new Uri(baseUrl(sp).TrimEnd('/') + "/");
                // The pipeline's total timeout governs; HttpClient's own 100 s would cut a honoured Retry-After short.
                http.Timeout = Timeout.InfiniteTimeSpan;
            }).AddProviderPipeline(provider, limits);

        static SpotifyOptions Spotify(IServiceProvider sp) => sp.GetRequiredService<IOptions<SpotifyOptions>>().Value;
        static ReccoBeatsOptions ReccoBeats(IServiceProvider sp) => sp.GetRequiredService<IOptions<ReccoBeatsOptions>>().Value;
        Add(ProviderNames.SpotifyAccounts, sp => Spotify(sp).AccountsBaseUrl, sp => Spotify(sp).Limits);
        Add(ProviderNames.Spotify, sp => Spotify(sp).ApiBaseUrl, sp => Spotify(sp).Limits);
        Add(ProviderNames.SpotifyAudioFeatures, sp => Spotify(sp).ApiBaseUrl, sp => Spotify(sp).Limits);
        Add(ProviderNames.ReccoBeats, sp => ReccoBeats(sp).BaseUrl, sp => ReccoBeats(sp).Limits);
    }
}
