using SpotifyDashboard.Analysis;
using SpotifyDashboard.Core.Music;
using SpotifyDashboard.Core.Survey;

namespace SpotifyDashboard.Worker.Analysis;

/// <summary>
/// The rows the engine gets: enriched responses with features, each student once (a response
/// another one superseded is left out), labelled with the major. <see cref="Fingerprint"/> hashes
/// the rows so an unchanged input can skip the engine.
/// </summary>
public sealed record AnalysisInput(IReadOnlyList<AnalysisRow> Rows, string Fingerprint, int Responses)
{
    public static AnalysisInput From(IReadOnlyList<EnrichedResponse> responses)
    {
        var rows = responses
            .Where(r => r.Enrichment == EnrichmentState.Enriched && r.Features is not null && r.Response.SupersededBy is null)
            .Select(r => new AnalysisRow(r.Response.Id, string.IsNullOrWhiteSpace(r.Response.Major) ? null : r.Response.Major.Trim(), r.Features!))
            .ToList();
        return new AnalysisInput(rows, AnalysisEngine.Fingerprint(rows), responses.Count);
    }
}
