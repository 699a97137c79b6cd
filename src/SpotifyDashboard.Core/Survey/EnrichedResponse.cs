using SpotifyDashboard.Core.Music;

namespace SpotifyDashboard.Core.Survey;

/// <summary>A survey response together with what enrichment found for its song.</summary>
public sealed record EnrichedResponse
{
    public required SurveyResponse Response { get; init; }
    public EnrichmentState Enrichment { get; init; } = EnrichmentState.Pending;
    public Track? Track { get; init; }
    public AudioFeatures? Features { get; init; }
    /// <summary>Why the song is still pending or unmatched, for people to read.</summary>
    public string? EnrichmentNote { get; init; }
}
