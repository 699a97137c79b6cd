using System.Collections.Concurrent;

namespace SpotifyDashboard.Api.Infrastructure;

/// <summary>
/// Answers prepared from one immutable piece of data (a load of the class's answers, a snapshot), each built once on
/// first use even when many requests ask at the same moment. Made anew with each new piece of data, so nothing is ever
/// stale here; <paramref name="capacity"/> bounds the memory of keyed answers (twins per response, pages per offset):
/// once full, further answers are built for their request and not kept.
/// </summary>
public sealed class PreparedAnswers(int capacity)
{
    private readonly ConcurrentDictionary<string, Lazy<PreparedJson>> _answers = new(StringComparer.Ordinal);

    public int Count => _answers.Count;

    public PreparedJson GetOrAdd<TState>(string key, Func<TState, PreparedJson> build, TState state)
    {
        if (_answers.TryGetValue(key, out var held))
        {
            return ValueOf(key, held);
        }

        if (_answers.Count >= capacity)
        {
            return build(state);
        }

        var added = _answers.GetOrAdd(key, static (_, arg) => new Lazy<PreparedJson>(() => arg.build(arg.state), LazyThreadSafetyMode.ExecutionAndPublication), (build, state));
        return ValueOf(key, added);
    }

    /// <summary>A build that failed is not kept: the next request tries again instead of getting the same exception.</summary>
    private PreparedJson ValueOf(string key, Lazy<PreparedJson> lazy)
    {
        try
        {
            return lazy.Value;
        }
        catch
        {
            _answers.TryRemove(new KeyValuePair<string, Lazy<PreparedJson>>(key, lazy));
            throw;
        }
    }
}
