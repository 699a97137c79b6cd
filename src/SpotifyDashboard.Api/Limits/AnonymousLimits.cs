using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace SpotifyDashboard.Api.Limits;

/// <summary>
/// What keeps one anonymous user from exhausting the api: per-user rate limits (reads generous, song lookups tight,
/// failed admin keys throttled), small request bodies, a shared queue for upstream song lookups and a cap on event
/// streams. Users are told apart by <see cref="ClientAddress"/>.
/// </summary>
public static class AnonymousLimits
{
    /// <summary>The tight per-user limit of endpoints that may call Spotify: <c>.RequireRateLimiting(SongLookupPolicy)</c>.</summary>
    public const string SongLookupPolicy = "song-lookups";

    /// <summary>
    /// The rate limiter's partitions and refusals. In the pipeline after the exception handler and before the endpoints,
    /// with the admin throttle and the body limit.
    /// </summary>
    public static void Configure(RateLimiterOptions options, IOptions<AnonymousLimitsOptions> limits, ClientAddress clients, ApiTelemetry telemetry)
    {
        var settings = limits.Value;
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;

        // Every /api request counts against its user's limits; health probes and scrapes do not. In-memory reads are capped
        // by how many run at once, everything else by the user's read bucket.
        options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            !context.Request.Path.StartsWithSegments("/api") ? RateLimitPartition.GetNoLimiter("")
            : IsInMemoryRead(context) ? RateLimitPartition.GetConcurrencyLimiter(InMemoryPartition + clients.Of(context), _ => Concurrency(settings))
            : RateLimitPartition.GetTokenBucketLimiter(clients.Of(context), _ => Bucket(settings.ReadsPerMinute, settings.ReadBurst)));

        options.AddPolicy(SongLookupPolicy, context =>
            RateLimitPartition.GetTokenBucketLimiter(clients.Of(context), _ => Bucket(settings.SongLookupsPerMinute, settings.SongLookupsPerMinute)));

        options.OnRejected = async (rejected, _) =>
        {
            TimeSpan? retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : null;
            var endpoint = rejected.HttpContext.GetEndpoint();
            var songLookup = endpoint?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == SongLookupPolicy;
            var inMemory = !songLookup && IsInMemoryRead(rejected.HttpContext);
            telemetry.Rejected(songLookup ? SongLookupPolicy : inMemory ? "prepared-reads" : "reads");
            await LimitProblems.WriteAsync(
                rejected.HttpContext,
                StatusCodes.Status429TooManyRequests,
                LimitProblems.TooManyRequests,
                songLookup ? $"At most {settings.SongLookupsPerMinute} song lookups a minute per user. {LimitProblems.TryAgainIn(retryAfter)}"
                : inMemory ? $"At most {settings.PreparedReadConcurrency + settings.PreparedReadQueue} requests at once per user. {LimitProblems.TryAgainIn(retryAfter)}"
                : $"At most {settings.ReadsPerMinute} requests a minute per user. {LimitProblems.TryAgainIn(retryAfter)}",
                retryAfter);
        };
    }

    /// <summary>In-memory reads and the rest of a user's requests are limited apart, so their partitions never share a key.</summary>
    private const string InMemoryPartition = "prepared:";

    private static bool IsInMemoryRead(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<InMemoryReadMetadata>() is not null;

    private static ConcurrencyLimiterOptions Concurrency(AnonymousLimitsOptions settings) => new()
    {
        PermitLimit = settings.PreparedReadConcurrency,
        QueueLimit = settings.PreparedReadQueue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    };

    /// <summary><paramref name="perMinute"/> tokens a minute, refilled evenly, <paramref name="burst"/> at most; no queue.</summary>
    internal static TokenBucketRateLimiterOptions Bucket(int perMinute, int burst)
    {
        // Whole tokens each period: one per 60/n seconds for slow rates, n/60 per second for fast ones.
        var (period, tokens) = perMinute >= 60
            ? (TimeSpan.FromSeconds(1), (int)Math.Ceiling(perMinute / 60.0))
            : (TimeSpan.FromSeconds(60.0 / perMinute), 1);
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }
}
