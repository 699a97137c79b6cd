namespace SpotifyDashboard.Core.Music;

public enum EnrichmentState
{
    Pending,
    Enriched,
    Unmatched,
}
