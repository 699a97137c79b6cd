using SpotifyDashboard.Core.Survey;

namespace SpotifyDashboard.Api.Data;

/// <summary>
/// Every stored answer of one source as read in one load. <see cref="Current"/> holds the answers that count
/// (<see cref="SurveyResponse.SupersededBy"/> is null), oldest first; <see cref="Find"/> knows the superseded ones too,
/// so an analysis made before a student answered again can still show who its points are.
/// </summary>
public sealed class ClassResponses
{
    private readonly Dictionary<string, EnrichedResponse> _byId;

    private ClassResponses(string source, IReadOnlyList<EnrichedResponse> all, DateTimeOffset loadedAt)
    {
        Source = source;
        LoadedAt = loadedAt;
        Stored = all.Count;
        Current = [.. all.Where(r => r.Response.SupersededBy is null)];
        _byId = new Dictionary<string, EnrichedResponse>(all.Count, StringComparer.Ordinal);
        foreach (var item in all)
        {
            _byId.TryAdd(item.Response.Id, item);
        }
    }

    public string Source { get; }

    public DateTimeOffset LoadedAt { get; }

    /// <summary>All stored answers of the source, superseded ones included.</summary>
    public int Stored { get; }

    public IReadOnlyList<EnrichedResponse> Current { get; }

    public EnrichedResponse? Find(string id) => _byId.GetValueOrDefault(id);

    public static ClassResponses From(string source, IReadOnlyList<EnrichedResponse> all, DateTimeOffset loadedAt) => new(source, all, loadedAt);
}
