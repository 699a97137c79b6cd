using System.Text.Json;
using SpotifyDashboard.Core.Storage;
using StackExchange.Redis;

namespace SpotifyDashboard.Core.Analysis;

/// <summary>
/// Versioned analysis snapshots in Redis. Each write takes the next number from
/// <see cref="SnapshotKeys.VersionCounter"/>, stores the whole snapshot at <c>sd:snapshot:{version}</c>
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
        return json.IsNullOrEmpty ? null : JsonSerializer.Deserialize<SnapshotPointer>(json.ToString(), StoreJson.Options);
    }

    public async Task<StoredSnapshot<T>?> GetAsync<T>(long version)
    {
        var json = await Db.StringGetAsync(RedisKeys.Snapshot(version));
        return json.IsNullOrEmpty ? null : JsonSerializer.Deserialize<StoredSnapshot<T>>(json.ToString(), StoreJson.Options);
    }

    /// <summary>The latest snapshot, or null when none was written (or it was removed).</summary>
    public async Task<StoredSnapshot<T>?> GetCurrentAsync<T>() =>
        await GetCurrentPointerAsync() is { } pointer ? await GetAsync<T>(pointer.Version) : null;

    /// <summary>Writes the snapshot under a new version and makes it current; returns its pointer.</summary>
    public async Task<SnapshotPointer> SaveAsync<T>(string source, string fingerprint, T snapshot, DateTimeOffset now, TimeSpan keepPrevious)
    {
        var previous = await GetCurrentPointerAsync();
        var version = await Db.StringIncrementAsync(SnapshotKeys.VersionCounter);
        var stored = new StoredSnapshot<T>(version, source, fingerprint, now, snapshot);

        var transaction = Db.CreateTransaction();
        _ = transaction.StringSetAsync(RedisKeys.Snapshot(version), JsonSerializer.Serialize(stored, StoreJson.Options));
        _ = transaction.StringSetAsync(RedisKeys.SnapshotCurrent, JsonSerializer.Serialize(stored.Pointer, StoreJson.Options));
        if (!await transaction.ExecuteAsync())
        {
            throw new InvalidOperationException($"Writing snapshot {version} was not committed.");
        }

        if (previous is not null && previous.Version != version)
        {
            await Db.KeyExpireAsync(RedisKeys.Snapshot(previous.Version), keepPrevious);
        }

        return stored.Pointer;
    }
}
