namespace SpotifyDashboard.Worker.Analysis;

/// <summary>The analysis worker's last tick and run, for its health check.</summary>
public sealed class AnalysisWorkerStatus
{
    private readonly Lock _gate = new();
    private AnalysisRunResult? _lastRun;
    private DateTimeOffset? _lastRunAt;
    private string? _lastError;

    public (AnalysisRunResult? Run, DateTimeOffset? At, string? Error) Last
    {
        get
        {
            lock (_gate)
            {
                return (_lastRun, _lastRunAt, _lastError);
            }
        }
    }

    public void Ran(AnalysisRunResult result, DateTimeOffset at)
    {
        lock (_gate)
        {
            _lastRun = result;
            _lastRunAt = at;
            _lastError = null;
        }
    }

    public void Failed(Exception exception, DateTimeOffset at)
    {
        lock (_gate)
        {
            _lastRunAt = at;
            _lastError = exception.Message;
        }
    }
}
