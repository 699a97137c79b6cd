using SpotifyDashboard.Core.Privacy;

namespace SpotifyDashboard.Ingestion.Ingest;

/// <summary>
/// How student names are handled: always a pseudonym; the raw name too only when
/// <c>Privacy:StoreNames=true</c>. Registered by the host from its own pseudonymizer.
/// </summary>
public sealed record NamePolicy(Pseudonymizer Pseudonymizer, bool StoreNames);
