namespace SpotifyDashboard.Core.Contracts.Admin;

/// <summary>
/// The body of <c>POST /api/admin/sources/active</c>: <c>demo</c>, <c>sheet</c> or <c>csv</c> to make that source
/// active, null to go back to the configured one (<c>Survey:Source</c>).
/// </summary>
public sealed record ActiveSourceRequest(string? Source);
