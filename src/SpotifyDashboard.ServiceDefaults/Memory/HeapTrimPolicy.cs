namespace SpotifyDashboard.ServiceDefaults.Memory;

/// <summary>Whether a look at the process's allocations should end in a trim (see <see cref="HeapTrimmer"/>).</summary>
public static class HeapTrimPolicy
{
    private const long Megabyte = 1024 * 1024;

    public static bool ShouldTrim(HeapTrimOptions options, long allocatedSinceTrim, long allocatedSinceLastLook, TimeSpan sinceTrim)
    {
        if (allocatedSinceTrim < options.MinimumAllocatedMegabytes * Megabyte)
        {
            return false;
        }

        // Trimming in the middle of a burst would only pause it; the garbage is still there when it ends.
        var quiet = allocatedSinceLastLook < options.QuietBelowMegabytes * Megabyte;
        return quiet || sinceTrim >= options.LongestWithoutTrim;
    }
}
