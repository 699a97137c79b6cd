using SpotifyDashboard.Analysis;
using SpotifyDashboard.Core.Analysis;

namespace SpotifyDashboard.Api.Tests;

/// <summary>
/// One analysis of the demo class (seed 42, as the api is configured), computed once for all tests
/// and written through the same <see cref="SnapshotStore"/> the worker uses.
/// </summary>
public static class TestSnapshots
{
    public const int DemoSeed = 42;
    public const int Students = 60;

    private static readonly Lazy<AnalysisSnapshot> Demo = new(() =>
    {
        var generator = new DemoClassGenerator(DemoSeed);
        var rows = Enumerable.Range(0, Students)
            .Select(i => generator.Generate(i))
            .Select(s => new AnalysisRow($"demo-{s.Index:D6}", s.Major, s.Song.Features))
            .ToList();
        return AnalysisEngine.Run(rows, new AnalysisOptions { Clusters = "4", Restarts = 3, CvFolds = 3 });
    });

    public static AnalysisSnapshot DemoClass => Demo.Value;

    public static Task<SnapshotPointer> SaveAsync(IConnectionMultiplexer redis, string source, string? fingerprint = null) =>
        new SnapshotStore(redis).SaveAsync(source, fingerprint ?? DemoClass.Version, DemoClass, DateTimeOffset.UtcNow, TimeSpan.FromHours(1));
}
