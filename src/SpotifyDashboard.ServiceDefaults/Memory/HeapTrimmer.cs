using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SpotifyDashboard.ServiceDefaults.Memory;

/// <summary>
/// Hands the memory of a burst's garbage back to the OS once the service has gone quiet. The workstation GC collects
/// the large object heap only when its own budget runs out, so the buffers of a few big reads and writes (a snapshot
/// of 4 MB read by the api, held and sent by the cache) stayed resident for as long as the service idled: 70–200 MB
/// in the cache host at 10,000 answers, growing with every analysis (docs/benchmarks/memory.md). An aggressive
/// collection after a quiet spell returns it; it pauses the process for tens of milliseconds, at most once a look.
/// </summary>
public sealed partial class HeapTrimmer : BackgroundService
{
    private const long Megabyte = 1024 * 1024;

    private readonly IOptions<HeapTrimOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<HeapTrimmer> _logger;
    private readonly Func<long> _allocatedBytes;
    private readonly Action _collect;

    public HeapTrimmer(IOptions<HeapTrimOptions> options, TimeProvider time, ILogger<HeapTrimmer> logger)
        : this(options, time, logger, () => GC.GetTotalAllocatedBytes(), CollectNow)
    {
    }

    /// <summary>For tests: what the process has allocated, and what a trim does.</summary>
    internal HeapTrimmer(IOptions<HeapTrimOptions> options, TimeProvider time, ILogger<HeapTrimmer> logger, Func<long> allocatedBytes, Action collect)
    {
        _options = options;
        _time = time;
        _logger = logger;
        _allocatedBytes = allocatedBytes;
        _collect = collect;
    }

    /// <summary>How many trims this process has run.</summary>
    public int Trims { get; private set; }

    /// <summary>How many looks it has taken (tests wait for the first: the loop starts on its own thread).</summary>
    internal int Looks { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = _options.Value;
        if (options.Interval <= TimeSpan.Zero)
        {
            return;
        }

        var atTrim = _allocatedBytes();
        var atLastLook = atTrim;
        var trimmedAt = _time.GetTimestamp();
        using var timer = new PeriodicTimer(options.Interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Looks++;
                var now = _allocatedBytes();
                var trim = HeapTrimPolicy.ShouldTrim(options, now - atTrim, now - atLastLook, _time.GetElapsedTime(trimmedAt));
                atLastLook = now;
                if (!trim)
                {
                    continue;
                }

                Trim();
                atTrim = atLastLook = _allocatedBytes();
                trimmedAt = _time.GetTimestamp();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Trim()
    {
        var before = Environment.WorkingSet;
        var started = Stopwatch.GetTimestamp();
        _collect();
        Trims++;
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            var pause = Stopwatch.GetElapsedTime(started);
            LogTrimmed(before / Megabyte, Environment.WorkingSet / Megabyte, pause.TotalMilliseconds);
        }
    }

    /// <summary>
    /// What a trim does: one blocking, compacting, aggressive collection that hands free memory back to the OS. Also for
    /// code that knows it has just made a lot of garbage and should not wait for the next quiet look.
    /// </summary>
    public static void CollectNow() =>
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Trimmed the heap: working set {BeforeMegabytes} MB → {AfterMegabytes} MB, paused {PauseMilliseconds:F0} ms")]
    private partial void LogTrimmed(long beforeMegabytes, long afterMegabytes, double pauseMilliseconds);
}
