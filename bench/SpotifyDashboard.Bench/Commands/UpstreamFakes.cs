using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Web;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace SpotifyDashboard.Bench.Commands;

/// <summary>
/// WireMock fakes of Spotify (token, search) and ReccoBeats (audio features) on one loopback port, each answering after
/// a fixed latency and counting its calls. Search finds every song as asked (next to a karaoke decoy the matcher must
/// pass over), so with these fakes every valid answer ends up enriched. Used by <c>enrich</c> (the library in the bench)
/// and <c>e2e</c> (the worker in its own process, pointed here by its settings).
/// </summary>
public sealed partial class UpstreamFakes : IDisposable
{
    private readonly WireMockServer _server;
    private readonly UpstreamCounters _calls = new();

    private UpstreamFakes(TimeSpan latency)
    {
        _server = WireMockServer.Start();
        _server.Given(Request.Create().WithPath("/api/token").UsingPost())
            .RespondWith(Response.Create().WithDelay(latency).WithHeader("Content-Type", "application/json").WithBody(_ =>
            {
                Interlocked.Increment(ref _calls.Token);
                return """{"access_token":"bench-token","token_type":"Bearer","expires_in":3600}""";
            }));
        _server.Given(Request.Create().WithPath("/v1/search").UsingGet())
            .RespondWith(Response.Create().WithDelay(latency).WithHeader("Content-Type", "application/json").WithBody(request =>
            {
                Interlocked.Increment(ref _calls.Search);
                return SearchAnswer(request);
            }));
        _server.Given(Request.Create().WithPath("/recco/v1/audio-features").UsingGet())
            .RespondWith(Response.Create().WithDelay(latency).WithHeader("Content-Type", "application/json").WithBody(request =>
            {
                Interlocked.Increment(ref _calls.Features);
                return FeaturesAnswer(request);
            }));
    }

    public static UpstreamFakes Start(TimeSpan latency) => new(latency);

    /// <summary>Spotify's accounts base url (the token endpoint is under it).</summary>
    public string AccountsBaseUrl => _server.Urls[0];

    public string SpotifyApiBaseUrl => _server.Urls[0] + "/v1";

    public string ReccoBeatsBaseUrl => _server.Urls[0] + "/recco/v1";

    public UpstreamCalls Calls => _calls.Snapshot();

    /// <summary>The settings that point the enrichment clients (library or worker) at these fakes, in configuration-key form.</summary>
    public Dictionary<string, string?> Settings(double requestsPerSecond) => new()
    {
        ["Spotify:ClientId"] = "bench",
        ["Spotify:ClientSecret"] = "bench",
        ["Spotify:AccountsBaseUrl"] = AccountsBaseUrl,
        ["Spotify:ApiBaseUrl"] = SpotifyApiBaseUrl,
        ["Spotify:Limits:RequestsPerSecond"] = requestsPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["ReccoBeats:BaseUrl"] = ReccoBeatsBaseUrl,
    };

    public void Dispose() => _server.Dispose();

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

    /// <summary>
    /// Features made from each track id (the same id, the same features, as a real catalogue), spread over their ranges:
    /// identical features for every song would leave the analysis nothing to cluster, and it would skip its work.
    /// </summary>
    private static string FeaturesAnswer(IRequestMessage request)
    {
        var ids = (HttpUtility.ParseQueryString(new Uri(request.Url).Query)["ids"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
        return JsonSerializer.Serialize(new
        {
            content = ids.Select(id =>
            {
                var h = SHA256.HashData(Encoding.UTF8.GetBytes(id));
                double Unit(int i) => h[i] / 255.0;
                return new
                {
                    id = new Guid(h.AsSpan(16, 16)),
                    href = $"https://open.spotify.com/track/{id}",
                    acousticness = Unit(0),
                    danceability = Unit(1),
                    energy = Unit(2),
                    instrumentalness = Unit(3) * Unit(3),
                    key = h[4] % 12,
                    liveness = Unit(5) * 0.6,
                    loudness = -30 + Unit(6) * 28,
                    mode = h[7] % 2,
                    speechiness = Unit(8) * 0.5,
                    tempo = 60 + Unit(9) * 120,
                    valence = Unit(10),
                };
            }),
        });
    }

    private static string IdFor(string text)
    {
        const string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        return new string([.. SHA256.HashData(Encoding.UTF8.GetBytes(text)).Take(22).Select(b => alphabet[b % alphabet.Length])]);
    }

    [GeneratedRegex("^track:\"(?<track>[^\"]*)\" artist:\"(?<artist>[^\"]*)\"$")]
    private static partial Regex FieldedQuery();

    private sealed class UpstreamCounters
    {
        public int Token;
        public int Search;
        public int Features;

        public UpstreamCalls Snapshot() => new(Volatile.Read(ref Token), Volatile.Read(ref Search), Volatile.Read(ref Features));
    }
}

/// <summary>Calls the fakes answered, by endpoint.</summary>
public sealed record UpstreamCalls(int Token, int Search, int Features)
{
    public int Total => Token + Search + Features;

    public static UpstreamCalls operator -(UpstreamCalls a, UpstreamCalls b) => new(a.Token - b.Token, a.Search - b.Search, a.Features - b.Features);
}
