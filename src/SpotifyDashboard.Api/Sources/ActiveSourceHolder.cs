using Microsoft.Extensions.Options;
using SpotifyDashboard.Api.Infrastructure;
using SpotifyDashboard.Core.Configuration;
using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Core.Survey;
using StackExchange.Redis;

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
public sealed partial class ActiveSourceHolder(
    ActiveSourceStore store,
    SourceChoiceFiles files,
    LostChoicesRestore restore,
    EventBroadcast events,
    IOptions<SurveyOptions> survey,
    IOptions<ActiveSourceOptions> options,
    TimeProvider time,
    ILogger<ActiveSourceHolder> logger) : StoreEventFollower(events, time)
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
            chosen = await restore.RestoreAsync(await store.GetOverrideAsync(), cancellationToken);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Active survey source is now {Source} (was {Previous})")]
    private partial void LogChanged(string previous, string source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the active-source override; keeping the source held until the next event or poll")]
    private partial void LogReadFailed(Exception exception);
}
