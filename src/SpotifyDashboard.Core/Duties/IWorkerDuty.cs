namespace SpotifyDashboard.Core.Duties;

/// <summary>
/// One of the worker's recurring jobs (ingest, demo, enrich, analyse, commands) as a plain step. The worker runs each
/// duty the same way: a step at start and then every <see cref="Interval"/>, only while its replica holds the worker
/// lock (so among replicas one reads each row and looks each song up once), what a step throws logged and retried at
/// the next tick, and how each step ended kept for the worker's health, which so names the duty that is stuck.
/// </summary>
public interface IWorkerDuty
{
    /// <summary>The duty's name in the worker's health and logs.</summary>
    string Name { get; }

    TimeSpan Interval { get; }

    /// <summary>
    /// One step. Null when the duty did its job or had none; otherwise why it could not, in words an operator can act
    /// on: never a path, a URL or a secret.
    /// </summary>
    Task<string?> StepAsync(CancellationToken cancellationToken);
}
