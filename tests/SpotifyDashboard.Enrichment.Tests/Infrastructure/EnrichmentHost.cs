using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SpotifyDashboard.Core.Configuration;
using SpotifyDashboard.Core.Music;
using SpotifyDashboard.Core.Survey;
using SpotifyDashboard.Enrichment.Lookup;
using SpotifyDashboard.Enrichment.Providers;
using SpotifyDashboard.ServiceDefaults.Http;
using StackExchange.Redis;

namespace SpotifyDashboard.Enrichment.Tests.Infrastructure;

/// <summary>
/// The services as the worker gets them: the service defaults' standard resilience handler and the
/// product's User-Agent on every client (as ServiceDefaults adds them), then <c>AddSongEnrichment</c>, over real Redis
/// (Garnet) and the WireMock fakes. Short retry and breaker times keep the tests quick.
/// </summary>
public sealed class EnrichmentHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    /// <param name="time">A clock the test moves (the HTTP pipelines' timeouts follow it too); the system clock when null.</param>
    public EnrichmentHost(UpstreamFakes fakes, Dictionary<string, string?>? settings = null, bool credentials = true, TimeProvider? time = null, bool userAgent = true)
    {
        var values = new Dictionary<string, string?>
        {
            ["Spotify:AccountsBaseUrl"] = fakes.AccountsBaseUrl,
            ["Spotify:ApiBaseUrl"] = fakes.ApiBaseUrl,
            ["ReccoBeats:BaseUrl"] = fakes.ReccoBeatsBaseUrl,
            ["Spotify:Limits:RetryBaseDelay"] = "00:00:00.010",
            ["Spotify:Limits:BreakDuration"] = "00:00:01",
            ["Spotify:Limits:AttemptTimeout"] = "00:00:02",
            ["Spotify:Limits:TotalTimeout"] = "00:00:10",
            ["Spotify:Limits:RequestsPerSecond"] = "1000",
            ["Spotify:Limits:Burst"] = "100",
            ["ReccoBeats:Limits:RetryBaseDelay"] = "00:00:00.010",
            ["ReccoBeats:Limits:BreakDuration"] = "00:00:01",
            ["ReccoBeats:Limits:RequestsPerSecond"] = "1000",
            ["ReccoBeats:Limits:Burst"] = "100",
        };
        if (credentials)
        {
            values["Spotify:ClientId"] = "test-client";
            values["Spotify:ClientSecret"] = "test-secret";
        }

        // A null setting means "not configured at all", so the library's default applies.
        foreach (var (key, value) in settings ?? [])
        {
            if (value is null)
            {
                values.Remove(key);
            }
            else
            {
                values[key] = value;
            }
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        Redis = ConnectionMultiplexer.Connect(SharedGarnet.Configuration);
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IConnectionMultiplexer>(Redis);
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler());
        if (userAgent)
        {
            services.AddProductUserAgent();
        }
        services.AddOptions<SurveyOptions>().BindConfiguration(SurveyOptions.SectionName);
        services.AddSongEnrichment(configuration);
        services.AddEnrichmentWorker();
        _services = services.BuildServiceProvider();
    }

    public ConnectionMultiplexer Redis { get; }

    public IServiceProvider Services => _services;

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public SongEnricher Enricher => Get<SongEnricher>();

    public ProviderStatusRegistry Providers => Get<ProviderStatusRegistry>();

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Redis.DisposeAsync();
    }

    public static EnrichedResponse Pending(string song, string artist, string source = "csv", string? student = null, string? id = null) => new()
    {
        Response = new SurveyResponse
        {
            Id = id ?? Guid.NewGuid().ToString("N"),
            Source = source,
            SubmittedAt = DateTimeOffset.UtcNow,
            Student = student ?? "Teal Otter " + Guid.NewGuid().ToString("N")[..4],
            FavoriteSong = song,
            Artist = artist,
        },
        Enrichment = EnrichmentState.Pending,
    };

    /// <summary>
    /// A song title no other test uses, so its cache key is fresh; by <paramref name="artist"/>, the track the echo
    /// search finds for it is one ReccoBeats knows (or, with false, one it leaves out).
    /// </summary>
    public static string UniqueSong(string title, string artist = "Artist", bool knownToReccoBeats = true)
    {
        while (true)
        {
            var song = $"{title} {Guid.NewGuid().ToString("N")[..8]}";
            if (UpstreamFakes.ReccoBeatsKnows(UpstreamFakes.IdFor($"{song}|{artist}")) == knownToReccoBeats)
            {
                return song;
            }
        }
    }
}
