using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SpotifyDashboard.Core.Music;
using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Core.Telemetry;
using SpotifyDashboard.Core.Survey;
using SpotifyDashboard.Enrichment;
using SpotifyDashboard.Enrichment.Lookup;
using StackExchange.Redis;

namespace SpotifyDashboard.Bench.Commands;

/// <summary>
/// Enriches N unique songs (each named by 1.5 students on average) against local fakes of
/// Spotify and ReccoBeats that answer after a fixed latency, through the real library: rate
/// limiters, pipelines, HybridCache over Redis. Reports upstream calls against the target
/// (unique songs + ⌈unique/40⌉ + token calls) and wall time, cold and then warm.
/// </summary>
public sealed class EnrichBenchCommand : IBenchCommand
{
    public string Name => "enrich";

    public string Usage => "[--songs 1000] [--latency-ms 20] [--rate 20] [--redis local|host:port]  (default: a Garnet server inside the bench)";

    public async Task<int> RunAsync(string[] args)
    {
        var songs = IntArg(args, "--songs", 1000);
        var latency = TimeSpan.FromMilliseconds(IntArg(args, "--latency-ms", 20));
        var rate = IntArg(args, "--rate", 20);
        using var localGarnet = LocalGarnet.StartIfAsked(StringArg(args, "--redis", LocalGarnet.Keyword));
        var redisAddress = localGarnet?.Address ?? StringArg(args, "--redis", LocalGarnet.Keyword);

        using var fakes = UpstreamFakes.Start(latency);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(redisAddress);
        await using var services = BuildServices(fakes, rate, redis);

        // A run id in every title keeps the cache cold for this run, whatever earlier runs left.
        var run = Guid.NewGuid().ToString("N")[..6];
        var responses = Enumerable.Range(0, songs * 3 / 2)
            .Select(i => PendingResponse(run, i % songs))
            .ToList();
        var enricher = services.GetRequiredService<SongEnricher>();

        var cold = Stopwatch.StartNew();
        var first = await enricher.EnrichAsync(responses);
        cold.Stop();
        var coldCalls = fakes.Calls;

        var warm = Stopwatch.StartNew();
        var second = await enricher.EnrichAsync(responses);
        warm.Stop();
        var warmCalls = fakes.Calls - coldCalls;

        var target = songs + (int)Math.Ceiling(songs / 40.0) + coldCalls.Token;
        Console.WriteLine($"enrich: {responses.Count} responses, {songs} unique songs, fake latency {latency.TotalMilliseconds:0} ms, Spotify rate {rate}/s");
        Console.WriteLine($"  cold: {cold.Elapsed.TotalSeconds:0.00} s, upstream calls {coldCalls.Total} (token {coldCalls.Token}, search {coldCalls.Search}, features {coldCalls.Features}); target <= {target} -> {(coldCalls.Total <= target ? "OK" : "OVER")}");
        Console.WriteLine($"        enriched {first.Count(r => r.Enrichment == EnrichmentState.Enriched)}, unmatched {first.Count(r => r.Enrichment == EnrichmentState.Unmatched)}, pending {first.Count(r => r.Enrichment == EnrichmentState.Pending)}");
        Console.WriteLine($"  warm: {warm.Elapsed.TotalSeconds:0.00} s, upstream calls {warmCalls.Total}, enriched {second.Count(r => r.Enrichment == EnrichmentState.Enriched)}");
        return coldCalls.Total <= target && warmCalls.Total == 0 ? 0 : 1;
    }

    private static ServiceProvider BuildServices(UpstreamFakes fakes, int rate, IConnectionMultiplexer redis)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(fakes.Settings(rate)).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(redis);
        // As the service defaults do; the enrichment clients replace it with their own pipelines.
        services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler());
        services.AddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<CacheHitTelemetry>();
        services.AddSingleton<SurveyResponseStore>();
        services.AddSingleton<ActiveSourceStore>();
        services.AddSongLookup(configuration);
        services.AddSingleton<SongEnricher>();
        return services.BuildServiceProvider();
    }

    private static EnrichedResponse PendingResponse(string run, int song) => new()
    {
        Response = new SurveyResponse
        {
            Id = Guid.NewGuid().ToString("N"),
            Source = "bench",
            SubmittedAt = DateTimeOffset.UtcNow,
            Student = $"Student {Guid.NewGuid().ToString("N")[..6]}",
            FavoriteSong = $"Bench Song {song} {run}",
            Artist = $"Bench Artist {song % 300}",
        },
    };

    private static int IntArg(string[] args, string name, int fallback) =>
        int.TryParse(StringArg(args, name, ""), out var value) ? value : fallback;

    private static string StringArg(string[] args, string name, string fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
    }
}
