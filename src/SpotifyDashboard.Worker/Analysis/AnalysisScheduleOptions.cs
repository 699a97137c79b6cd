using System.ComponentModel.DataAnnotations;
using SpotifyDashboard.Analysis;

namespace SpotifyDashboard.Worker.Analysis;

/// <summary>
/// When the worker reruns the analysis and how replicas share the work: the scheduling keys of the
/// <c>Analysis</c> section (the engine's own keys there are <see cref="AnalysisSettings"/>).
/// </summary>
public sealed class AnalysisScheduleOptions : IValidatableObject
{
    public const string SectionName = AnalysisSettings.SectionName;

    /// <summary>How often the worker looks for changes (and renews or tries the lock).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A run starts once the data has been quiet this long…</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan Debounce { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>…or at the latest this long after the first unanalysed change, so a steady stream is still analysed.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Besides events and counts, the data is reread this often: an admin override changes features
    /// without changing any count. Cheap when nothing changed (the engine is skipped).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RecheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The leader lock expires this long after its last renewal, so a dead leader is replaced.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan LockExpiry { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The leader renews its lock this often; must be well below <see cref="LockExpiry"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan LockRenewInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A standby replica tries to take the lock this often.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan StandbyRetryInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A replaced snapshot stays readable at <c>sd:snapshot:{version}</c> this long, then expires.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan KeepPreviousSnapshots { get; set; } = TimeSpan.FromHours(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (LockRenewInterval >= LockExpiry)
        {
            yield return new ValidationResult(
                "Analysis:LockRenewInterval must be shorter than Analysis:LockExpiry, or the lock expires between renewals.",
                [nameof(LockRenewInterval), nameof(LockExpiry)]);
        }

        if (Debounce > MaxDelay)
        {
            yield return new ValidationResult("Analysis:Debounce must not exceed Analysis:MaxDelay.", [nameof(Debounce), nameof(MaxDelay)]);
        }
    }
}
