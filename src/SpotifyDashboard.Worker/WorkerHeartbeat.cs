namespace SpotifyDashboard.Worker;

/// <summary>When the worker last finished a tick, and how it ended: what its health check reports.</summary>
public sealed class WorkerHeartbeat(TimeProvider time)
{
    public DateTimeOffset? LastRunAt { get; private set; }
    public string? LastError { get; private set; }

    public void Succeeded()
    {
        LastRunAt = time.GetUtcNow();
        LastError = null;
    }

    public void Failed(Exception ex)
    {
        LastRunAt = time.GetUtcNow();
        LastError = ex.Message;
    }
}
