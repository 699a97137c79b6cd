namespace SpotifyDashboard.Enrichment.Tests.Infrastructure;

/// <summary>
/// One real Redis-protocol server (Garnet) for the whole test run.
/// Tests keep apart by using songs of their own (unique titles give unique cache keys).
/// </summary>
public static class SharedGarnet
{
    // Lives until the test process ends, never disposed: Garnet has no work left to flush.
    private static readonly Lazy<InProcessGarnet> Server = new(InProcessGarnet.Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>A StackExchange.Redis configuration string for the shared server.</summary>
    public static string Configuration => Server.Value.Address;
}
