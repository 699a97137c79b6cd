namespace SpotifyDashboard.Enrichment.Lookup;

/// <summary>
/// Song → track and audio features, through the shared cache. The worker enriches batches with
/// it; the api can ask for one song on demand (e.g. <c>POST /api/predict-major</c>).
/// </summary>
public interface ISongFeatureLookup
{
    Task<SongOutcome> LookupAsync(string title, string artist, CancellationToken cancellationToken = default);

    /// <summary>
    /// One song an anonymous visitor asks about: like <see cref="LookupAsync"/>, but a miss is remembered only for
    /// <c>Enrichment:VisitorMissTtl</c>, so made-up songs neither fill the cache for a day nor hide a real one.
    /// </summary>
    Task<SongOutcome> LookupForVisitorAsync(string title, string artist, CancellationToken cancellationToken = default) =>
        LookupAsync(title, artist, cancellationToken);

    /// <summary>Outcomes by <see cref="SongQuery.Key"/>, each distinct song looked up once.</summary>
    Task<IReadOnlyDictionary<string, SongOutcome>> LookupManyAsync(IEnumerable<SongQuery> songs, CancellationToken cancellationToken = default);
}
