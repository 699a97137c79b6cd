using Microsoft.Extensions.Options;
using SpotifyDashboard.Analysis;
using SpotifyDashboard.Core.Storage;
using StackExchange.Redis;

namespace SpotifyDashboard.Worker.Duties;

public enum LeaderRole
{
    Standby,
    Leader,
}

/// <summary>What the health check and the logs show about this replica's part.</summary>
public sealed record LeaderLockStatus(LeaderRole Role, string Token, DateTimeOffset? LeaderSince, DateTimeOffset? LastRenewedAt, string? LastError);

/// <summary>
/// Makes one worker replica the leader of every duty (ingest, demo, enrich, analyse, commands): a Redis lock at <see cref="RedisKeys.WorkerLock"/> holding this
/// replica's token, taken with SET NX PX (StackExchange.Redis <c>LockTake</c>), renewed with <c>LockExtend</c>
/// and given back with <c>LockRelease</c>. Those two check the token in a WATCH/MULTI transaction, not in Lua,
/// so they work on Garnet with <c>--lua false</c> (the tests prove it). A replica that stops renewing (it died or
/// hangs) loses the lock when it expires; a standby replica retries every <c>StandbyRetryInterval</c> and takes over.
/// Several duty loops ask it at once: taking, renewing and releasing are serialized, so a tick of one
/// loop renews the lock for all of them. A snapshot write is also fenced by <see cref="Token"/> (see
/// <c>SnapshotStore.SaveFencedAsync</c>), so a replica paused past the expiry cannot overwrite a newer one.
/// </summary>
public sealed partial class WorkerLeaderLock(
    IConnectionMultiplexer redis,
    IOptions<AnalysisOptions> options,
    TimeProvider time,
    ILogger<WorkerLeaderLock> logger) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _state = new();
    private DateTimeOffset? _leaderSince;
    private DateTimeOffset? _lastRenewedAt;
    private DateTimeOffset _nextAttemptAt = DateTimeOffset.MinValue;
    private string? _lastError;

    /// <summary>Unique per instance, so two replicas on one machine never mistake each other's lock.</summary>
    public string Token { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    private AnalysisOptions Settings => options.Value;

    private IDatabase Db => redis.GetDatabase();

    /// <summary>
    /// True while this replica holds the lock as far as it knows: taken or renewed less than
    /// <c>LockExpiry</c> ago. Without renewals the answer turns false by itself, as the lock in Redis expires.
    /// </summary>
    public bool IsLeader
    {
        get
        {
            lock (_state)
            {
                return _lastRenewedAt is { } renewed && time.GetUtcNow() - renewed < Settings.LockExpiry;
            }
        }
    }

    public LeaderLockStatus Status
    {
        get
        {
            lock (_state)
            {
                var leads = IsLeader;
                return new(leads ? LeaderRole.Leader : LeaderRole.Standby, Token, leads ? _leaderSince : null, _lastRenewedAt, _lastError);
            }
        }
    }

    /// <summary>
    /// Called every tick. The leader renews when <c>LockRenewInterval</c> has passed; a standby tries to take
    /// the lock when <c>StandbyRetryInterval</c> has passed. Returns whether this replica leads now.
    /// </summary>
    public Task<bool> EnsureAsync() => OneAtATimeAsync(EnsureCoreAsync);

    private async Task<bool> EnsureCoreAsync()
    {
        var now = time.GetUtcNow();
        if (_lastRenewedAt is { } renewed)
        {
            // Also after a pause longer than the expiry: if the lock still holds our token, it is still ours.
            if (now - renewed < Settings.LockRenewInterval || await RenewCoreAsync())
            {
                return true;
            }
        }

        if (now < _nextAttemptAt)
        {
            return false;
        }

        _nextAttemptAt = now + Settings.StandbyRetryInterval;
        if (!await Db.LockTakeAsync(RedisKeys.WorkerLock, Token, Settings.LockExpiry))
        {
            return false;
        }

        lock (_state)
        {
            _leaderSince = now;
            _lastRenewedAt = now;
            _lastError = null;
        }

        LogLeading();
        return true;
    }

    /// <summary>Extends the lock now (e.g. right before writing a snapshot); false when it is no longer ours.</summary>
    public Task<bool> RenewNowAsync() => OneAtATimeAsync(RenewCoreAsync);

    private async Task<bool> RenewCoreAsync()
    {
        if (_lastRenewedAt is null)
        {
            return false;
        }

        var now = time.GetUtcNow();
        if (await Db.LockExtendAsync(RedisKeys.WorkerLock, Token, Settings.LockExpiry))
        {
            lock (_state)
            {
                _lastRenewedAt = now;
            }

            return true;
        }

        const string reason = "the lock expired or another replica holds it";
        lock (_state)
        {
            _lastRenewedAt = null;
            _leaderSince = null;
            _lastError = reason;
        }

        LogLost(reason);
        return false;
    }

    /// <summary>Gives the lock back (on shutdown) so a standby replica need not wait for it to expire.</summary>
    public Task ReleaseAsync() => OneAtATimeAsync(async () =>
    {
        if (_lastRenewedAt is null)
        {
            return false;
        }

        lock (_state)
        {
            _lastRenewedAt = null;
            _leaderSince = null;
        }

        if (await Db.LockReleaseAsync(RedisKeys.WorkerLock, Token))
        {
            LogReleased();
        }

        return true;
    });

    private async Task<bool> OneAtATimeAsync(Func<Task<bool>> action)
    {
        await _gate.WaitAsync();
        try
        {
            return await action();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>On shutdown (the container disposes it once the duties have stopped): lets a standby replica take over at once.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await ReleaseAsync();
        }
        catch (Exception ex)
        {
            LogReleaseFailed(ex);
        }

        _gate.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "This worker replica now leads the worker's duties")]
    private partial void LogLeading();

    [LoggerMessage(Level = LogLevel.Information, Message = "This worker replica released the worker lock")]
    private partial void LogReleased();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release the worker lock; it expires by itself")]
    private partial void LogReleaseFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "This worker replica no longer leads the worker's duties: {Reason}")]
    private partial void LogLost(string reason);
}
