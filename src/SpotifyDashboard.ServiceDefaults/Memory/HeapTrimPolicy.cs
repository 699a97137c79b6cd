namespace SpotifyDashboard.ServiceDefaults.Memory;

/// <summary>Whether a look at the process's allocations should end in a trim (see <see cref="HeapTrimmer"/>).</summary>
public static class HeapTrimPolicy
{
    private const long Megabyte = 1024 * 1024;

    public static bool ShouldTrim(HeapTrimOptions options, long allocatedSinceTrim, long allocatedSinceLastLook, TimeSpan sinceTrim)
    {
        // Some memory is let go slowly without new allocations: Kestrel's block pool hands back 5 % of its idle blocks
        // every 10 s (≈ 29 MB in the api after a read load), and only a full collection frees them.
        if (sinceTrim >= options.LongestWithoutTrim)
        {
            return allocatedSinceTrim > 0;
        }

        if (allocatedSinceTrim < options.MinimumAllocatedMegabytes * Megabyte)
        {
            return false;
        }

        // Trimming in the middle of a burst would only pause it; the garbage is still there when it ends.
        return allocatedSinceLastLook < options.QuietBelowMegabytes * Megabyte;
    }
}
