using SpotifyDashboard.Core.Telemetry;

namespace SpotifyDashboard.Api.Data;

/// <summary>
/// Keeps the active source's answers in memory: loads them at start, after <c>response-added</c> or
/// <c>responses-enriched</c> or <c>source-changed</c> (once a burst has been quiet for <see cref="ClassDataOptions.Debounce"/>) and every
/// <see cref="ClassDataOptions.ReloadInterval"/> as a fallback. A request waits for Redis only when nothing is held
/// yet (a miss of <c>cache_hit_rate</c>'s <c>api_class_data</c> tier); otherwise it gets the held answers joined with the
/// latest snapshot, the join made once per snapshot version.
/// </summary>
public sealed partial class ClassDataCache(
    SurveyResponseStore store,
    SnapshotCache snapshots,
    EventBroadcast events,
    ActiveSource activeSource,
    IOptions<ClassDataOptions> options,
    CacheHitTelemetry hits,
    TimeProvider time,
    ILogger<ClassDataCache> logger) : StoreCache(events, time)
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile ClassResponses? _responses;
    private volatile ClassTable? _view;

    /// <summary>The active source's current answers joined with its latest analysis (null analysis before the first one).</summary>
    public async Task<ClassTable> GetAsync(CancellationToken cancellationToken = default)
    {
        var (source, analysis) = await GetAnalysisAsync(cancellationToken);
        var responses = await GetResponsesAsync(source, cancellationToken);
        var view = _view;
        if (view is not null && ReferenceEquals(view.Responses, responses) && ReferenceEquals(view.Analysis, analysis))
        {
            return view;
        }

        // Two requests may both build it after a change; the views are equal, and the last one is kept.
        view = new ClassTable(responses, analysis);
        _view = view;
        return view;
    }

    /// <summary>The active source and its latest analysis (null before the first one), without its answers.</summary>
    public async Task<(string Source, ServedAnalysis? Analysis)> GetAnalysisAsync(CancellationToken cancellationToken = default)
    {
        var source = (await activeSource.GetAsync(cancellationToken)).StorageName;
        return (source, await snapshots.GetAsync(source, cancellationToken));
    }

    /// <summary>The answers of <paramref name="source"/> as last loaded; read from the store only when none of it is held.</summary>
    public async ValueTask<ClassResponses> GetResponsesAsync(string source, CancellationToken cancellationToken = default)
    {
        var responses = _responses;
        var held = responses is not null && responses.Source == source;
        hits.Lookup(CacheTiers.ApiClassData, hit: held);
        return held ? responses! : await LoadAsync(source, onlyIfMissing: true, cancellationToken);
    }

    /// <summary>Reads every answer of the active source again.</summary>
    public async Task<ClassResponses> ReloadAsync(CancellationToken cancellationToken = default) =>
        await LoadAsync((await activeSource.GetAsync(cancellationToken)).StorageName, onlyIfMissing: false, cancellationToken);

    private async Task<ClassResponses> LoadAsync(string source, bool onlyIfMissing, CancellationToken cancellationToken)
    {
        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (onlyIfMissing && _responses is { } held && held.Source == source)
            {
                return held;
            }

            // The counter first: a write landing between the two reads makes the next poll read again, never miss it.
            var stamp = await store.GetChangeStampAsync(source);
            var all = await store.GetAllAsync(source);
            var loaded = new ClassResponses(source, all, stamp);
            _responses = loaded;
            // The view joins the previous load; dropped now, that load is garbage at once instead of staying alive
            // (a second copy of the class: 15 MB at 10,000 answers) until the next request builds a new view.
            _view = null;
            LogLoaded(loaded.Current.Count, loaded.Stored, source);
            return loaded;
        }
        finally
        {
            _loading.Release();
        }
    }

    protected override TimeSpan PollInterval => options.Value.ReloadInterval;

    protected override TimeSpan Debounce => options.Value.Debounce;

    /// <summary>
    /// New or enriched answers of the source held, or another source becoming active (that changes every answer; the
    /// reload reads whichever source is active then).
    /// </summary>
    protected override bool WakesOn(StoreEvent storeEvent)
    {
        var source = activeSource.Current?.StorageName;
        return storeEvent.Type == StoreEvent.SourceChanged
            || (storeEvent.Type is StoreEvent.ResponseAdded or StoreEvent.ResponsesEnriched
                && (string.IsNullOrEmpty(storeEvent.Source) || source is null || storeEvent.Source == source));
    }

    protected override async Task ReadFromStoreAsync(bool polled, CancellationToken cancellationToken)
    {
        if (polled && await IsUnchangedAsync(cancellationToken))
        {
            return;
        }

        await ReloadAsync(cancellationToken);
    }

    /// <summary>
    /// Whether the answers held are still the active source's latest, by its change counter: one GET. Reading the
    /// whole class on every poll (15 MB at 10,000 answers) would cost megabytes of buffers in the cache host and here
    /// while nothing changed.
    /// </summary>
    private async Task<bool> IsUnchangedAsync(CancellationToken cancellationToken)
    {
        var held = _responses;
        var source = (await activeSource.GetAsync(cancellationToken)).StorageName;
        return held is not null && held.Source == source && await store.GetChangeStampAsync(source) == held.ChangeStamp;
    }

    protected override void OnReadFailed(Exception exception) => LogLoadFailed(exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Holding {Current} current answers ({Stored} stored) of {Source}")]
    private partial void LogLoaded(int current, int stored, string source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not load the class's answers; trying again on the next event or poll")]
    private partial void LogLoadFailed(Exception exception);
}
