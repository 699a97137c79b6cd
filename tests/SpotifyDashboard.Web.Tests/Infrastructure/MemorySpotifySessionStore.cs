using System.Collections.Concurrent;

namespace SpotifyDashboard.Web.Tests.Infrastructure;

/// <summary>The cache's part in the Spotify sign-in, in memory; <see cref="Values"/> lets a test look at what was stored.</summary>
public sealed class MemorySpotifySessionStore : ISpotifySessionStore
{
    private readonly ConcurrentDictionary<string, string> _locks = new();

    public ConcurrentDictionary<string, byte[]> Values { get; } = new();

    public Task SetAsync(string key, byte[] value, TimeSpan lifetime)
    {
        Values[key] = value;
        return Task.CompletedTask;
    }

    public Task<byte[]?> GetAsync(string key) => Task.FromResult(Values.TryGetValue(key, out var value) ? value : null);

    public Task<byte[]?> TakeAsync(string key) => Task.FromResult(Values.TryRemove(key, out var value) ? value : null);

    public Task RemoveAsync(string key)
    {
        Values.TryRemove(key, out _);
        return Task.CompletedTask;
    }

    /// <summary>Locks never lapse here: a test that leaves one held would wait for it, and show the leak.</summary>
    public Task<bool> TryLockAsync(string key, string holder, TimeSpan lifetime) =>
        Task.FromResult(_locks.TryAdd(key, holder));

    public Task UnlockAsync(string key, string holder)
    {
        _locks.TryRemove(new KeyValuePair<string, string>(key, holder));
        return Task.CompletedTask;
    }
}
