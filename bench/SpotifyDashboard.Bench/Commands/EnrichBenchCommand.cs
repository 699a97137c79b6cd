using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Web;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SpotifyDashboard.Core.Music;
using SpotifyDashboard.Core.Survey;
using SpotifyDashboard.Enrichment;
using SpotifyDashboard.Enrichment.Lookup;
using StackExchange.Redis;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace SpotifyDashboard.Bench.Commands;

/// <summary>
/// Enriches N unique songs (each named by 1.5 students on average) against local fakes of
/// Spotify and ReccoBeats that answer after a fixed latency, through the real library: rate
/// limiters, pipelines, HybridCache over Redis. Reports upstream calls against the target
/// (unique songs + ⌈unique/40⌉ + token calls) and wall time, cold and then warm.
/// </summary>
public sealed partial class EnrichBenchCommand : IBenchCommand
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

        var calls = new UpstreamCounters();
        using var fakes = StartFakes(latency, calls);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(redisAddress);
        await using var services = BuildServices(fakes.Urls[0], rate, redis);

        // A run id in every title keeps the cache cold for this run, whatever earlier runs left.
        var run = Guid.NewGuid().ToString("N")[..6];
        var responses = Enumerable.Range(0, songs * 3 / 2)
            .Select(i => PendingResponse(run, i % songs))
            .ToList();
        var enricher = services.GetRequiredService<SongEnricher>();

        var cold = Stopwatch.StartNew();
        var first = await enricher.EnrichAsync(responses);
        cold.Stop();
        var coldCalls = calls.Snapshot();

        var warm = Stopwatch.StartNew();
        var second = await enricher.EnrichAsync(responses);
        warm.Stop();
        var warmCalls = calls.Snapshot() - coldCalls;

        var target = songs + (int)Math.Ceiling(songs / 40.0) + coldCalls.Token;
        Console.WriteLine($"enrich: {responses.Count} responses, {songs} unique songs, fake latency {latency.TotalMilliseconds:0} ms, Spotify rate {rate}/s");
        Console.WriteLine($"  cold: {cold.Elapsed.TotalSeconds:0.00} s, upstream calls {coldCalls.Total} (token {coldCalls.Token}, search {coldCalls.Search}, features {coldCalls.Features}); target <= {target} -> {(coldCalls.Total <= target ? "OK" : "OVER")}");
        Console.WriteLine($"        enriched {first.Count(r => r.Enrichment == EnrichmentState.Enriched)}, unmatched {first.Count(r => r.Enrichment == EnrichmentState.Unmatched)}, pending {first.Count(r => r.Enrichment == EnrichmentState.Pending)}");
        Console.WriteLine($"  warm: {warm.Elapsed.TotalSeconds:0.00} s, upstream calls {warmCalls.Total}, enriched {second.Count(r => r.Enrichment == EnrichmentState.Enriched)}");
        return coldCalls.Total <= target && warmCalls.Total == 0 ? 0 : 1;
    }

    private static ServiceProvider BuildServices(string fakeUrl, int rate, IConnectionMultiplexer redis)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Spotify:ClientId"] = "bench",
            ["Spotify:ClientSecret"] = "bench",
            ["Spotify:AccountsBaseUrl"] = fakeUrl,
            ["Spotify:ApiBaseUrl"] = fakeUrl + "/v1",
            ["Spotify:Limits:RequestsPerSecond"] = rate.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ReccoBeats:BaseUrl"] = fakeUrl + "/recco/v1",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(redis);
        // As the service defaults do; the enrichment clients replace it with their own pipelines.
        services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler());
        services.AddSongEnrichment(configuration);
        return services.BuildServiceProvider();
    }

    private static WireMockServer StartFakes(TimeSpan latency, UpstreamCounters calls)
    {
        var server = WireMockServer.Start();
        server.Given(Request.Create().WithPath("/api/token").UsingPost())
            .RespondWith(Response.Create().WithDelay(latency).WithHeader("Content-Type", "application/json").WithBody(_ =>
            {
                Interlocked.Increment(ref calls.Token);
                return """{"access_token":"bench-token","token_type":"Bearer","expires_in":3600}""";
            }));
        server.Given(Request.Create().WithPath("/v1/search").UsingGet())
            .RespondWith(Response.Create().WithDelay(latency).WithHeader("Content-Type", "application/json").WithBody(request =>
            {
                Interlocked.Increment(ref calls.Search);
                return SearchAnswer(request);
            }));
        server.Given(Request.Create().WithPath("/recco/v1/audio-features").UsingGet())
            .RespondWith(Response.Create().WithDelay(latency).WithHeader("Content-Type", "application/json").WithBody(request =>
            {
                Interlocked.Increment(ref calls.Features);
                return FeaturesAnswer(request);
            }));
        return server;
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

    /// <summary>One candidate named as asked, and a karaoke decoy the matcher must pass over.</summary>
    private static string SearchAnswer(IRequestMessage request)
    {
        var q = HttpUtility.ParseQueryString(new Uri(request.Url).Query)["q"] ?? "";
        var fielded = FieldedQuery().Match(q);
        var (title, artist) = fielded.Success ? (fielded.Groups["track"].Value, fielded.Groups["artist"].Value) : (q, q);
        object Track(string name, string by) => new
        {
            id = IdFor(name + "|" + by),
            name,
            artists = new[] { new { id = "a", name = by } },
            album = new { name = "Album", release_date = "2001", images = new[] { new { url = "https://i.scdn.co/image/x", width = 640, height = 640 } } },
            duration_ms = 210_000,
            external_ids = new { isrc = "USBENCH0001" },
        };
        return JsonSerializer.Serialize(new { tracks = new { items = new[] { Track(title + " (Karaoke Version)", "Karaoke Stars"), Track(title, artist) } } });
    }

    private static string FeaturesAnswer(IRequestMessage request)
    {
        var ids = (HttpUtility.ParseQueryString(new Uri(request.Url).Query)["ids"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
        return JsonSerializer.Serialize(new
        {
            content = ids.Select(id => new
            {
                id = Guid.NewGuid(),
                href = $"https://open.spotify.com/track/{id}",
                acousticness = 0.2,
                danceability = 0.6,
                energy = 0.7,
                instrumentalness = 0.0,
                key = 4,
                liveness = 0.1,
                loudness = -6.0,
                mode = 1,
                speechiness = 0.05,
                tempo = 118.0,
                valence = 0.5,
            }),
        });
    }

    private static string IdFor(string text)
    {
        const string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        return new string([.. SHA256.HashData(Encoding.UTF8.GetBytes(text)).Take(22).Select(b => alphabet[b % alphabet.Length])]);
    }

    private static int IntArg(string[] args, string name, int fallback) =>
        int.TryParse(StringArg(args, name, ""), out var value) ? value : fallback;

    private static string StringArg(string[] args, string name, string fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
    }

    [GeneratedRegex("^track:\"(?<track>[^\"]*)\" artist:\"(?<artist>[^\"]*)\"$")]
    private static partial Regex FieldedQuery();

    private sealed class UpstreamCounters
    {
        public int Token;
        public int Search;
        public int Features;

        public Counts Snapshot() => new(Volatile.Read(ref Token), Volatile.Read(ref Search), Volatile.Read(ref Features));
    }

    private sealed record Counts(int Token, int Search, int Features)
    {
        public int Total => Token + Search + Features;

        public static Counts operator -(Counts a, Counts b) => new(a.Token - b.Token, a.Search - b.Search, a.Features - b.Features);
    }
}
