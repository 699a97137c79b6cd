using Microsoft.Extensions.Logging.Abstractions;
using SpotifyDashboard.ServiceDefaults.Memory;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace SpotifyDashboard.ServiceDefaults.Tests.Memory;

public class HeapTrimmerTests
{
    private const long Megabyte = 1024 * 1024;

    private static readonly HeapTrimOptions Defaults = new();

    [Theory]
    [InlineData(31, 0, 60, false)]    // too little garbage to be worth a full collection
    [InlineData(40, 0, 60, true)]     // a burst, then a quiet look: trim
    [InlineData(40, 20, 60, false)]   // still busy: wait for the quiet
    [InlineData(400, 20, 300, true)]  // never quiet, but five minutes since the last trim
    [InlineData(400, 7, 10, true)]    // a trickle below the quiet mark counts as quiet
    [InlineData(0, 0, 600, false)]    // nothing at all allocated: nothing to trim
    [InlineData(1, 0, 300, true)]     // idle for five minutes: what was let go slowly is collected too
    public void TrimsAfterABurstOnceItIsQuiet(long sinceTrimMb, long sinceLookMb, int sinceTrimSeconds, bool expected) =>
        Assert.Equal(expected, HeapTrimPolicy.ShouldTrim(Defaults, sinceTrimMb * Megabyte, sinceLookMb * Megabyte, TimeSpan.FromSeconds(sinceTrimSeconds)));

    [Fact]
    public async Task ARunningTrimmerCollectsOncePerBurst()
    {
        long allocated = 0;
        var trims = 0;
        var options = MsOptions.Create(new HeapTrimOptions { Interval = TimeSpan.FromMilliseconds(50) });
        using var trimmer = new HeapTrimmer(options, TimeProvider.System, NullLogger<HeapTrimmer>.Instance, () => Interlocked.Read(ref allocated), () => Interlocked.Increment(ref trims));
        await trimmer.StartAsync(CancellationToken.None);
        await WaitUntilAsync(() => trimmer.Looks > 0, "the trimmer never looked");

        Interlocked.Add(ref allocated, 100 * Megabyte);
        await WaitUntilAsync(() => Volatile.Read(ref trims) == 1, "the burst was never trimmed");
        await Task.Delay(500); // ten more looks with nothing new allocated
        Assert.Equal(1, Volatile.Read(ref trims));

        Interlocked.Add(ref allocated, 100 * Megabyte);
        await WaitUntilAsync(() => Volatile.Read(ref trims) == 2, "the second burst was never trimmed");
        Assert.Equal(2, trimmer.Trims);
        await trimmer.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task AZeroIntervalTurnsTrimmingOff()
    {
        var trims = 0;
        var options = MsOptions.Create(new HeapTrimOptions { Interval = TimeSpan.Zero });
        using var trimmer = new HeapTrimmer(options, TimeProvider.System, NullLogger<HeapTrimmer>.Instance, () => 1_000 * Megabyte, () => trims++);
        await trimmer.StartAsync(CancellationToken.None);
        await Task.Delay(200);
        await trimmer.StopAsync(CancellationToken.None);
        Assert.Equal(0, trims);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string failure)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(20);
        }
    }
}
