using SpotifyDashboard.Core.Music;

namespace SpotifyDashboard.Core.Survey;

/// <summary>
/// One accepted answer to the survey, as stored. <see cref="Student"/> is a pseudonym; the raw
/// name is only kept in <see cref="Name"/> when <c>Privacy:StoreNames=true</c>.
/// </summary>
public sealed record SurveyResponse
{
    public required string Id { get; init; }
    public required string Source { get; init; }
    public required DateTimeOffset SubmittedAt { get; init; }
    public required string Student { get; init; }
    public string? Name { get; init; }
    public int? Age { get; init; }
    public string Major { get; init; } = "";
    public string Year { get; init; } = "";
    public string Hometown { get; init; } = "";
    public required string FavoriteSong { get; init; }
    public required string Artist { get; init; }
    public double? HoursPerDay { get; init; }
    public string ListeningTime { get; init; } = "";

    /// <summary>
    /// Set when the same student submitted again later: the id of that later response. The
    /// earlier answer is kept, but only the latest counts for analysis.
    /// </summary>
    public string? SupersededBy { get; init; }
}

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

/// <summary>
/// The changes the app makes to a stored response, as functions of the stored document for
/// <c>SurveyResponseStore.UpdateAsync</c>: each touches only its own part, so applied to a document that
/// another writer changed meanwhile it keeps that writer's change. Null means nothing to do.
/// </summary>
public static class ResponseChanges
{
    /// <summary>Ingestion's latest-wins pointer; whatever enrichment found stays.</summary>
    public static Func<EnrichedResponse, EnrichedResponse?> Supersede(string? supersededBy) => current =>
        current.Response.SupersededBy == supersededBy ? null : current with { Response = current.Response with { SupersededBy = supersededBy } };

    /// <summary>
    /// An enrichment result computed from <paramref name="read"/>. Written only while the stored enrichment is
    /// still the one the pass read: an admin override or a refresh that put the song back to pending meanwhile
    /// wins, and the next pass enriches it anew. The rest of the stored response (e.g. a newer
    /// <see cref="SurveyResponse.SupersededBy"/>) is kept.
    /// </summary>
    public static Func<EnrichedResponse, EnrichedResponse?> Enrich(EnrichedResponse read, EnrichedResponse result) => current =>
        !SameEnrichment(current, read) || SameEnrichment(current, result)
            ? null
            : current with { Enrichment = result.Enrichment, Track = result.Track, Features = result.Features, EnrichmentNote = result.EnrichmentNote };

    /// <summary>Back to pending (an override, a refresh), with a note saying why.</summary>
    public static Func<EnrichedResponse, EnrichedResponse?> Requeue(string note) => current =>
        current.Enrichment == EnrichmentState.Pending && current.Track is null && current.EnrichmentNote == note
            ? null
            : current with { Enrichment = EnrichmentState.Pending, Track = null, Features = null, EnrichmentNote = note };

    // Tracks carry lists, which records compare by reference: the state, the note and the track id say enough.
    private static bool SameEnrichment(EnrichedResponse a, EnrichedResponse b) =>
        a.Enrichment == b.Enrichment && a.EnrichmentNote == b.EnrichmentNote && a.Track?.Id == b.Track?.Id;
}
