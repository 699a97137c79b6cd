using System.Threading.RateLimiting;

namespace SpotifyDashboard.Api.Limits;

/// <summary>
/// The api's one small queue for anonymous song lookups (<c>POST /api/predict-major</c>, <c>POST /api/twins</c>):
/// <c>RateLimits:UpstreamConcurrency</c> at once, <c>RateLimits:UpstreamQueue</c> waiting at most
/// <c>RateLimits:UpstreamQueueTimeout</c>. However many users ask, the api spends at most that much of the
/// providers' quota; the worker, another process with its own pipeline, keeps the rest for enrichment.
/// </summary>
public sealed class UpstreamLookupGate(IOptions<AnonymousLimitsOptions> options) : IDisposable
{
    public const string Busy = "Song lookups are busy right now (too many people are asking at once); try again in a few seconds.";

    private readonly ConcurrencyLimiter _limiter = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = options.Value.UpstreamConcurrency,
        QueueLimit = options.Value.UpstreamQueue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    /// <summary>A slot to dispose when the lookup is over, or null when the queue is full or the wait too long.</summary>
    public async Task<IDisposable?> EnterAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.UpstreamQueueTimeout);
        try
        {
            var lease = await _limiter.AcquireAsync(1, timeout.Token);
            if (lease.IsAcquired)
            {
                return lease;
            }

            lease.Dispose();
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    public void Dispose() => _limiter.Dispose();
}
