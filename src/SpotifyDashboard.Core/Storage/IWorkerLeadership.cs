namespace SpotifyDashboard.Core.Storage;

/// <summary>
/// Whether this worker process may do the leader's duties: ingest, enrich, analyse, run the teacher's commands.
/// Several replicas may run; only the one holding the worker lock (<see cref="RedisKeys.WorkerLock"/>) works, so
/// rows are read once and songs looked up once. The worker implements it with its Redis lock; the stage libraries
/// only ask, so they need not know the worker.
/// </summary>
public interface IWorkerLeadership
{
    /// <summary>Takes or renews the lock when that is due (cheap otherwise); true while this process leads.</summary>
    Task<bool> EnsureLeadingAsync();
}

/// <summary>For a process that is the only one doing the work (a host of one stage, a test): it always leads.</summary>
public sealed class SoleWorkerLeadership : IWorkerLeadership
{
    public Task<bool> EnsureLeadingAsync() => Task.FromResult(true);
}
