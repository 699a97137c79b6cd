namespace SpotifyDashboard.Ingestion.Ingest;

/// <summary>
/// How this process's last poll of the survey source ended, for its health check: the source's status in the cache
/// says the same for the api, but the worker's own health must not depend on the cache answering.
/// </summary>
public sealed class SurveyPollOutcome(TimeProvider time)
{
    private volatile Outcome? _last;

    /// <summary>Null until a poll of a real source ended, and again once the demo is the source.</summary>
    public Outcome? Last => _last;

    public void Reset() => _last = null;

    public void Read(string source) => _last = new Outcome(source, time.GetUtcNow(), null);

    /// <param name="publicMessage">The short message the public status shows, never the detail.</param>
    public void Failed(string source, string publicMessage) => _last = new Outcome(source, time.GetUtcNow(), publicMessage);

    public sealed record Outcome(string Source, DateTimeOffset At, string? Error);
}
