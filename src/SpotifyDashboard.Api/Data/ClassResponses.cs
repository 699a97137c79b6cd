using SpotifyDashboard.Api.Answers;
using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Core.Survey;

namespace SpotifyDashboard.Api.Data;

/// <summary>
/// Every stored answer of one source as read in one load. <see cref="Current"/> holds the answers that count
/// (<see cref="SurveyResponse.SupersededBy"/> is null), oldest first; <see cref="Find"/> knows the superseded ones too,
/// so an analysis made before a student answered again can still show who its points are. The counts by state and the
/// pages of <c>/api/responses</c> are made from it once, not per request.
/// </summary>
public sealed class ClassResponses
{
    /// <summary>Pages kept per load (offset × limit pairs): the live feed asks for one, the teacher's pages for a few.</summary>
    public const int CachedPages = 256;

    private readonly Dictionary<string, EnrichedResponse> _byId;

    private ClassResponses(string source, IReadOnlyList<EnrichedResponse> all, DateTimeOffset loadedAt, long changeStamp)
    {
        Source = source;
        LoadedAt = loadedAt;
        ChangeStamp = changeStamp;
        All = all;
        Current = [.. all.Where(r => r.Response.SupersededBy is null)];
        Counts = ResponseStateCounts.Count(all);
        _byId = new Dictionary<string, EnrichedResponse>(all.Count, StringComparer.Ordinal);
        foreach (var item in all)
        {
            _byId.TryAdd(item.Response.Id, item);
        }
    }

    public string Source { get; }

    public DateTimeOffset LoadedAt { get; }

    /// <summary>The source's change counter read just before this load (<see cref="SurveyResponseStore.GetChangeStampAsync"/>).</summary>
    public long ChangeStamp { get; }

    /// <summary>All stored answers of the source, superseded ones included.</summary>
    public int Stored => All.Count;

    /// <summary>All stored answers in the store's time order (oldest first, ties as the time index orders them).</summary>
    public IReadOnlyList<EnrichedResponse> All { get; }

    public IReadOnlyList<EnrichedResponse> Current { get; }

    /// <summary>All stored answers by enrichment state, counted once per load.</summary>
    public ResponseStateCounts Counts { get; }

    /// <summary>Answers of <c>/api/responses</c> made from this load.</summary>
    public AnswerCache Answers { get; } = new(CachedPages);

    public EnrichedResponse? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>Newest first, as the store pages them (its time index read backwards), superseded answers included.</summary>
    public IEnumerable<EnrichedResponse> NewestFirst(int offset, int limit)
    {
        for (var i = All.Count - 1 - offset; i >= 0 && limit-- > 0; i--)
        {
            yield return All[i];
        }
    }

    public static ClassResponses From(string source, IReadOnlyList<EnrichedResponse> all, DateTimeOffset loadedAt, long changeStamp = 0) =>
        new(source, all, loadedAt, changeStamp);
}
