namespace SpotifyDashboard.Worker.Analysis;

public enum AnalysisRunOutcome
{
    /// <summary>A new snapshot version was written and announced.</summary>
    Published,

    /// <summary>The input is the one analysed last time: the engine was not run.</summary>
    InputUnchanged,

    /// <summary>The engine ran, but its fingerprint equals the current snapshot's: nothing was written.</summary>
    SnapshotUnchanged,

    /// <summary>No enriched response yet: nothing to analyse.</summary>
    NoData,

    /// <summary>The lock was lost during the run; another replica writes instead.</summary>
    LostLeadership,
}

/// <summary>What one analysis run did.</summary>
public sealed record AnalysisRunResult(AnalysisRunOutcome Outcome, string Source, int Rows, long? Version = null, string? Fingerprint = null);
