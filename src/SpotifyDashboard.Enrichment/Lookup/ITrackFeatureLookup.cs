namespace SpotifyDashboard.Enrichment.Lookup;

/// <summary>
/// Audio features of tracks a visitor names by Spotify id (<c>POST /api/compare</c>): no search, through the shared
/// cache keyed by track id, a miss remembered only for <c>Enrichment:VisitorMissTtl</c>.
/// </summary>
public interface ITrackFeatureLookup
{
    /// <summary>Outcomes by track id, each distinct id looked up once.</summary>
    Task<IReadOnlyDictionary<string, SongOutcome>> LookupTracksForVisitorAsync(IReadOnlyList<string> trackIds, CancellationToken cancellationToken = default);
}
