using System.Text.Json;
using SpotifyDashboard.Core.Storage;
using StackExchange.Redis;

namespace SpotifyDashboard.Core.Analysis;

/// <summary>
/// Versioned analysis snapshots in Redis. Each write takes the next number from
/// <see cref="RedisKeys.SnapshotVersionCounter"/>, stores the whole snapshot at <c>sd:snapshot:{version}</c> (gzip-compressed
/// JSON, see <see cref="SnapshotCodec"/>)
/// and then points <c>sd:snapshot:current</c> at it (a small <see cref="SnapshotPointer"/> JSON), both in
/// one MULTI/EXEC. The current snapshot never expires; the one it replaces is kept for
/// <c>keepPrevious</c> and then expires, so only the last few stay around.
/// Generic over the snapshot type because Core does not know the analysis library.
/// </summary>
public sealed class SnapshotStore(IConnectionMultiplexer redis)
{
    private IDatabase Db => redis.GetDatabase();

    public async Task<SnapshotPointer?> GetCurrentPointerAsync()
    {
        var json = await Db.StringGetAsync(RedisKeys.SnapshotCurrent);
        return json.IsNullOrEmpty ? null : JsonSerializer.Deserialize<SnapshotPointer>(json.ToString(), DashboardJson.Options);
    }

    public async Task<StoredSnapshot<T>?> GetAsync<T>(long version)
    {
        var stored = await Db.StringGetAsync(RedisKeys.Snapshot(version));
        return stored.IsNullOrEmpty ? null : SnapshotCodec.Decode<StoredSnapshot<T>>(stored);
    }

    /// <summary>The latest snapshot, or null when none was written (or it was removed).</summary>
    public async Task<StoredSnapshot<T>?> GetCurrentAsync<T>() =>
        await GetCurrentPointerAsync() is { } pointer ? await GetAsync<T>(pointer.Version) : null;

    /// <summary>Writes the snapshot under a new version and makes it current; returns its pointer.</summary>
    public async Task<SnapshotPointer> SaveAsync<T>(string source, string fingerprint, T snapshot, DateTimeOffset now, TimeSpan keepPrevious) =>
        await WriteAsync(source, fingerprint, snapshot, now, keepPrevious, fence: null)
        ?? throw new InvalidOperationException("Writing the snapshot was not committed.");

    /// <summary>
    /// Like <see cref="SaveAsync{T}"/>, but only while <paramref name="lockKey"/> still holds <paramref name="token"/>:
    /// the check and both writes are one MULTI/EXEC, so a leader that was paused past its lock's expiry cannot
    /// overwrite the snapshot of the replica that took over. Null when the lock was no longer ours (nothing written).
    /// </summary>
    public Task<SnapshotPointer?> SaveFencedAsync<T>(string source, string fingerprint, T snapshot, DateTimeOffset now, TimeSpan keepPrevious, string lockKey, string token) =>
        WriteAsync(source, fingerprint, snapshot, now, keepPrevious, (lockKey, token));

    private async Task<SnapshotPointer?> WriteAsync<T>(string source, string fingerprint, T snapshot, DateTimeOffset now, TimeSpan keepPrevious, (string Key, string Token)? fence)
    {
        var previous = await GetCurrentPointerAsync();
        var version = await Db.StringIncrementAsync(RedisKeys.SnapshotVersionCounter);
        var stored = new StoredSnapshot<T>(version, source, fingerprint, now, snapshot);

        var transaction = Db.CreateTransaction();
        if (fence is { } held)
        {
            transaction.AddCondition(Condition.StringEqual(held.Key, held.Token));
        }

        _ = transaction.StringSetAsync(RedisKeys.Snapshot(version), SnapshotCodec.Encode(stored));
        _ = transaction.StringSetAsync(RedisKeys.SnapshotCurrent, JsonSerializer.Serialize(stored.ToPointer(), DashboardJson.Options));
        if (!await transaction.ExecuteAsync())
        {
            // The version number is spent; versions only need to grow, not to be consecutive.
            return null;
        }

        if (previous is not null && previous.Version != version)
        {
            await Db.KeyExpireAsync(RedisKeys.Snapshot(previous.Version), keepPrevious);
        }

        return stored.ToPointer();
    }
}

/// <summary>
/// What <c>sd:snapshot:current</c> holds: which versioned snapshot is the latest, and for which
/// survey source. Small, so readers can poll it cheaply and load the big snapshot only on change.
/// </summary>
/// <param name="Version">The number in <c>sd:snapshot:{version}</c>; grows with every write.</param>
/// <param name="Source">Storage name of the survey source the snapshot was computed from ("demo", "sheet", "csv").</param>
/// <param name="Fingerprint">The analysis' content hash: equal inputs and settings give equal fingerprints.</param>
public sealed record SnapshotPointer(long Version, string Source, string Fingerprint, DateTimeOffset PublishedAt);

/// <summary>What <c>sd:snapshot:{version}</c> holds: the pointer's fields and the snapshot itself.</summary>
public sealed record StoredSnapshot<T>(long Version, string Source, string Fingerprint, DateTimeOffset PublishedAt, T Snapshot)
{
    public SnapshotPointer ToPointer() => new(Version, Source, Fingerprint, PublishedAt);
}
