using SpotifyDashboard.Core.Ingestion;
using SpotifyDashboard.Core.Storage;

namespace SpotifyDashboard.Core.Contracts;

/// <summary>
/// <c>GET /api/status</c>: which source is active, how much it holds, when it last changed, and
/// which column each survey field was read from (null for the demo).
/// </summary>
public sealed record StatusReport(
    string Mode,
    string ActiveSource,
    long Responses,
    DateTimeOffset? LastUpdate,
    IReadOnlyList<SourceStatus> Sources,
    SourceColumns? Columns,
    EnrichmentStatus? Enrichment)
{
    public const string DemoMode = "demo";
    public const string LiveMode = "live";
}
