using SpotifyDashboard.Core.Analysis;
using SpotifyDashboard.Core.Telemetry;

namespace SpotifyDashboard.Api.Analysis;

/// <summary>
/// Keeps the latest analysis in memory: loads <c>sd:snapshot:current</c> at start, whenever a
/// <c>snapshot-updated</c> event arrives and every <c>Analysis:SnapshotPollInterval</c> as a fallback.
/// Only the small pointer is read unless the version changed. Requests never wait for Redis except
/// when nothing is held yet: those are the misses of <c>cache_hit_rate</c>'s <c>api_snapshot</c> tier.
/// </summary>
public sealed partial class SnapshotCache(
    SnapshotStore store,
    EventBroadcast events,
    IOptions<AnalysisOptions> options,
    CacheHitTelemetry hits,
    TimeProvider time,
    ILogger<SnapshotCache> logger) : StoreCache(events, time)
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile ServedAnalysis? _current;

    /// <summary>Whatever is held, of any source.</summary>
    public ServedAnalysis? Current => _current;

    /// <summary>
    /// The analysis of <paramref name="source"/>, or null when there is none yet. A snapshot of another
    /// source (the worker has not caught up with a changed <c>Survey:Source</c>) is never served.
    /// </summary>
    public async Task<ServedAnalysis?> GetAsync(string source, CancellationToken cancellationToken = default)
    {
        var current = _current;
        hits.Lookup(CacheTiers.ApiSnapshot, hit: current is not null);
        if (current is null)
        {
            try
            {
                current = await RefreshAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogLoadFailed(ex);
            }
        }

        return current?.Source == source ? current : null;
    }

    /// <summary>Reads the pointer and loads the snapshot it names when that is not the one held.</summary>
    public async Task<ServedAnalysis?> RefreshAsync(CancellationToken cancellationToken = default)
    {
        await _loading.WaitAsync(cancellationToken);
        try
        {
            var pointer = await store.GetCurrentPointerAsync();
            if (pointer is null)
            {
                _current = null;
                return null;
            }

            if (_current?.Version == pointer.Version)
            {
                return _current;
            }

            var stored = await store.GetAsync<AnalysisSnapshot>(pointer.Version);
            if (stored is null)
            {
                return _current;
            }

            // Loading the model and indexing the rows is CPU work; keep it off the caller's thread.
            var loaded = await Task.Run(() => new ServedAnalysis(stored), cancellationToken);
            _current = loaded;
            LogLoaded(loaded.Version, loaded.Source, loaded.Snapshot.Points.Count);
            return loaded;
        }
        finally
        {
            _loading.Release();
        }
    }

    protected override TimeSpan PollInterval => options.Value.SnapshotPollInterval;

    protected override bool WakesOn(StoreEvent storeEvent) => storeEvent.Type == StoreEvent.SnapshotUpdated;

    protected override async Task ReadFromStoreAsync(bool polled, CancellationToken cancellationToken) => await RefreshAsync(cancellationToken);

    protected override void OnReadFailed(Exception exception) => LogLoadFailed(exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving analysis snapshot {Version} of {Source} ({Points} responses)")]
    private partial void LogLoaded(long version, string source, int points);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not load the analysis snapshot; trying again on the next event or poll")]
    private partial void LogLoadFailed(Exception exception);
}
