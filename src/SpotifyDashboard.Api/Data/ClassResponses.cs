namespace SpotifyDashboard.Api.Data;

/// <summary>
/// Every stored answer of one source as read in one load. <see cref="Current"/> holds the answers that count
/// (<see cref="SurveyResponse.SupersededBy"/> is null), oldest first; <see cref="Find"/> knows the superseded ones too,
/// so an analysis made before a student answered again can still show who its points are. The counts by state and the
/// pages of <c>/api/responses</c> are made from it once, not per request.
/// </summary>
/// <param name="all">All stored answers in the store's time order (oldest first, ties as the time index orders them).</param>
/// <param name="changeStamp">The source's change counter read just before this load (<see cref="SurveyResponseStore.GetChangeStampAsync"/>).</param>
public sealed class ClassResponses(string source, IReadOnlyList<EnrichedResponse> all, long changeStamp)
{
    /// <summary>Pages kept per load (offset × limit pairs): the live feed asks for one, the teacher's pages for a few.</summary>
    public const int CachedPages = 256;

    private readonly Dictionary<string, EnrichedResponse> _byId = all.DistinctBy(r => r.Response.Id).ToDictionary(r => r.Response.Id, StringComparer.Ordinal);

    public string Source => source;

    public long ChangeStamp => changeStamp;

    /// <summary>All stored answers of the source, superseded ones included.</summary>
    public int Stored => all.Count;

    public IReadOnlyList<EnrichedResponse> Current { get; } = [.. all.Where(r => r.Response.SupersededBy is null)];

    /// <summary>All stored answers by enrichment state, counted once per load.</summary>
    public ResponseStateCounts Counts { get; } = ResponseStateCounts.Count(all);

    /// <summary>Answers of <c>/api/responses</c> made from this load.</summary>
    public AnswerCache Answers { get; } = new(CachedPages);

    public EnrichedResponse? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>Newest first, as the store pages them (its time index read backwards), superseded answers included.</summary>
    public IEnumerable<EnrichedResponse> NewestFirst(int offset, int limit)
    {
        for (var i = all.Count - 1 - offset; i >= 0 && limit-- > 0; i--)
        {
            yield return all[i];
        }
    }
}
