using StackExchange.Redis;

namespace SpotifyDashboard.Web.Spotify;

/// <summary>
/// Where the web keeps what it must remember between a listener's requests (pending sign-ins, encrypted tokens): the
/// cache in the app, memory in tests. Values are opaque bytes; whoever stores a secret encrypts it first.
/// </summary>
public interface ISpotifySessionStore
{
    Task SetAsync(string key, byte[] value, TimeSpan lifetime);

    Task<byte[]?> GetAsync(string key);

    /// <summary>Reads and deletes in one step, so two requests can never both get the value (single use).</summary>
    Task<byte[]?> TakeAsync(string key);

    Task RemoveAsync(string key);

    /// <summary>Takes the lock <paramref name="key"/> for <paramref name="holder"/> unless someone holds it; it lapses after <paramref name="lifetime"/>.</summary>
    Task<bool> TryLockAsync(string key, string holder, TimeSpan lifetime);

    /// <summary>Lets go of the lock <paramref name="key"/> if <paramref name="holder"/> still holds it.</summary>
    Task UnlockAsync(string key, string holder);
}

public sealed class RedisSpotifySessionStore(IConnectionMultiplexer redis) : ISpotifySessionStore
{
    public const string KeyPrefix = RedisKeys.SpotifySessionPrefix;

    private IDatabase Database => redis.GetDatabase();

    public Task SetAsync(string key, byte[] value, TimeSpan lifetime) => Database.StringSetAsync(KeyPrefix + key, value, lifetime);

    public async Task<byte[]?> GetAsync(string key) => (byte[]?)await Database.StringGetAsync(KeyPrefix + key);

    public async Task<byte[]?> TakeAsync(string key) => (byte[]?)await Database.StringGetDeleteAsync(KeyPrefix + key);

    public Task RemoveAsync(string key) => Database.KeyDeleteAsync(KeyPrefix + key);

    public Task<bool> TryLockAsync(string key, string holder, TimeSpan lifetime) => Database.LockTakeAsync(KeyPrefix + key, holder, lifetime);

    public Task UnlockAsync(string key, string holder) => Database.LockReleaseAsync(KeyPrefix + key, holder);
}
