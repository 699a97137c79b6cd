using SpotifyDashboard.Core.Storage;

namespace SpotifyDashboard.Core.Contracts;

/// <summary><c>GET /api/status</c>: which source is active, how much it holds, when it last changed.</summary>
public sealed record StatusReport(
    string Mode,
    string ActiveSource,
    long Responses,
    DateTimeOffset? LastUpdate,
    IReadOnlyList<SourceStatus> Sources)
{
    public const string DemoMode = "demo";
    public const string LiveMode = "live";
}
