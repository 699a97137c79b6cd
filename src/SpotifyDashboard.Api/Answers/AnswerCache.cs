using System.Collections.Concurrent;

namespace SpotifyDashboard.Api.Answers;

/// <summary>
/// The JSON answers made from one immutable piece of data (a load of the class's answers, a snapshot), each built once on
/// first use even when many requests ask at the same moment: they await the one build instead of blocking pool threads
/// on it (on 2 cores, 30 blocked threads after a reload make the api's worst latencies). Made anew with each new
/// piece of data, so nothing here is ever stale; <paramref name="capacity"/> bounds the memory of keyed answers (twins
/// per response, pages per offset): once full, further answers are built for their request and not kept.
/// </summary>
public sealed class AnswerCache(int capacity)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<JsonAnswer>>> _answers = new(StringComparer.Ordinal);

    public int Count => _answers.Count;

    public ValueTask<JsonAnswer> GetOrAddAsync<TState>(string key, Func<TState, JsonAnswer> build, TState state) =>
        _answers.TryGetValue(key, out var held) && held.IsValueCreated && held.Value.IsCompletedSuccessfully
            ? new ValueTask<JsonAnswer>(held.Value.Result)
            : BuildOrAwaitAsync(key, build, state);

    private async ValueTask<JsonAnswer> BuildOrAwaitAsync<TState>(string key, Func<TState, JsonAnswer> build, TState state)
    {
        if (!_answers.TryGetValue(key, out var entry))
        {
            if (_answers.Count >= capacity)
            {
                return build(state);
            }

            // The Lazy makes one build start even when several requests add at once; the lock it takes lasts only while
            // the build is handed to the pool.
            entry = _answers.GetOrAdd(key, static (_, arg) => new Lazy<Task<JsonAnswer>>(() => Task.Run(() => arg.build(arg.state))), (build, state));
        }

        try
        {
            return await entry.Value;
        }
        catch
        {
            // A build that failed is not kept: the next request tries again instead of getting the same exception.
            _answers.TryRemove(new KeyValuePair<string, Lazy<Task<JsonAnswer>>>(key, entry));
            throw;
        }
    }
}
