namespace SpotifyDashboard.Api.Sources;

/// <summary>Which source the api serves: <see cref="Kind"/>, chosen by the teacher (<see cref="Overridden"/>) or configured.</summary>
public sealed record ActiveSourceState(SurveySourceKind Kind, SurveySourceKind Configured, bool Overridden)
{
    /// <summary>The name the source's data is stored under (<c>demo</c>, <c>sheet</c>, <c>csv</c>).</summary>
    public string StorageName => Kind.StorageName();
}

/// <summary>
/// The active survey source, held in memory: the override in <see cref="ActiveSourceStore"/> when the teacher chose
/// one (kept in <see cref="SourceChoiceFiles"/> too, and put back from there when the cache lost it), else <c>Survey:Source</c>. Read at start, on every <c>source-changed</c> event and every
/// <see cref="ActiveSourceOptions.PollInterval"/> as a fallback, so every replica follows a change within seconds.
/// Requests wait for Redis only when nothing is held yet.
/// </summary>
public sealed partial class ActiveSource(
    ActiveSourceStore store,
    SourceChoiceFiles files,
    SongOverrideStore overrides,
    IConnectionMultiplexer redis,
    EventBroadcast events,
    IOptions<SurveyOptions> survey,
    IOptions<ActiveSourceOptions> options,
    TimeProvider time,
    ILogger<ActiveSource> logger) : StoreCache(events, time)
{
    private volatile ActiveSourceState? _current;
    private long _changes;

    public SurveySourceKind Configured => survey.Value.Source;

    /// <summary>What is held, or null before the first read.</summary>
    public ActiveSourceState? Current => _current;

    public async ValueTask<ActiveSourceState> GetAsync(CancellationToken cancellationToken = default) =>
        _current ?? await RefreshAsync(cancellationToken);

    /// <summary>Reads the override again. When Redis cannot answer, keeps what is held (the configured source at first).</summary>
    public async Task<ActiveSourceState> RefreshAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var changesBefore = Interlocked.Read(ref _changes);
        SurveySourceKind? chosen;
        try
        {
            chosen = await RestoreLostChoicesAsync(await store.GetOverrideAsync(), cancellationToken);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogReadFailed(ex);
            return _current ?? State(null);
        }

        // A change made here while the read was under way is newer than what the read saw.
        if (Interlocked.Read(ref _changes) != changesBefore && _current is { } newer)
        {
            return newer;
        }

        return Hold(State(chosen));
    }

    /// <summary>
    /// Sets or clears (<paramref name="kind"/> null) the override, in its file and then in the cache, and follows it here
    /// at once; other replicas follow on the <c>source-changed</c> event the store publishes.
    /// </summary>
    public async Task<ActiveSourceState> ChooseAsync(SurveySourceKind? kind)
    {
        // The file first: a choice the cache holds is then always one the file keeps too.
        await files.WriteChoiceAsync(kind, CancellationToken.None);
        if (kind is { } chosen)
        {
            await store.SetOverrideAsync(chosen);
        }
        else
        {
            await store.ClearOverrideAsync(Configured);
        }

        Interlocked.Increment(ref _changes);
        return Hold(State(kind));
    }

    private ActiveSourceState State(SurveySourceKind? chosen) => new(chosen ?? Configured, Configured, chosen is not null);

    private ActiveSourceState Hold(ActiveSourceState state)
    {
        var previous = _current;
        _current = state;
        if (previous is not null && previous.Kind != state.Kind)
        {
            LogChanged(previous.StorageName, state.StorageName);
        }

        return state;
    }

    protected override TimeSpan PollInterval => options.Value.PollInterval;

    protected override bool WakesOn(StoreEvent storeEvent) => storeEvent.Type == StoreEvent.SourceChanged;

    protected override async Task ReadFromStoreAsync(bool polled, CancellationToken cancellationToken) => await RefreshAsync(cancellationToken);

    protected override void OnReadFailed(Exception exception) => LogReadFailed(exception);

    /// <summary>
    /// Puts the teacher's upload, choice of source and song mappings back into the cache from the files when the cache
    /// has lost them (a new or flushed cache, a restored backup): the worker then reads the uploaded class again instead
    /// of falling back to the configured source. Only what is missing is written, so a newer value is never overwritten.
    /// Restores what the cache lacks; the answer is the choice the cache now holds (<paramref name="inCache"/> when it had
    /// one). A file that cannot be read is logged and leaves the cache as it is.
    /// </summary>
    private async Task<SurveySourceKind?> RestoreLostChoicesAsync(SurveySourceKind? inCache, CancellationToken cancellationToken)
    {
        try
        {
            // The upload before the choice: once csv is the active source the worker reads the upload.
            if (files.HasUpload && !await redis.GetDatabase().KeyExistsAsync(RedisKeys.UploadedCsv)
                && await files.ReadUploadAsync(cancellationToken) is { } upload
                && await redis.GetDatabase().StringSetAsync(RedisKeys.UploadedCsv, upload, when: When.NotExists))
            {
                LogRestoredUpload(files.UploadPath);
            }

            if (!await overrides.AnyAsync() && await files.ReadOverridesAsync(cancellationToken) is { Count: > 0 } kept
                && await overrides.RestoreAsync(kept) is > 0 and var restored)
            {
                LogRestoredOverrides(restored, files.OverridesPath);
            }

            if (inCache is null && await files.ReadChoiceAsync(cancellationToken) is { } choice)
            {
                if (await store.RestoreOverrideAsync(choice))
                {
                    LogRestoredChoice(choice.StorageName(), files.ChoicePath);
                }

                return await store.GetOverrideAsync();
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            LogFilesUnreadable(ex, files.Folder);
        }

        return inCache;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The cache had lost the teacher's uploaded CSV; restored it from {Path}")]
    private partial void LogRestoredUpload(string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The cache had lost the teacher's song mappings; restored {Count} from {Path}")]
    private partial void LogRestoredOverrides(int count, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The cache had lost the teacher's choice of source; restored {Source} from {Path}")]
    private partial void LogRestoredChoice(string source, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not read the teacher's upload, choice of source or song mappings in {Folder}")]
    private partial void LogFilesUnreadable(Exception exception, string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Active survey source is now {Source} (was {Previous})")]
    private partial void LogChanged(string previous, string source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the active-source override; keeping the source held until the next event or poll")]
    private partial void LogReadFailed(Exception exception);
}
