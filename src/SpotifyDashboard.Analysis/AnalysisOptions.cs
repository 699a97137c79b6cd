using System.ComponentModel.DataAnnotations;

namespace SpotifyDashboard.Analysis;

/// <summary>
/// The <c>Analysis</c> section: how one analysis run clusters and classifies (the engine), when the worker reruns it and
/// how its replicas share the work (the schedule and the leader lock), and how the api follows the snapshots it writes.
/// </summary>
public sealed class AnalysisOptions : IValidatableObject
{
    public const string SectionName = "Analysis";

    public const string AutoClusters = "auto";

    /// <summary>A number of clusters (1..50) or <c>auto</c>: k in 2..<see cref="MaxAutoClusters"/> chosen by silhouette.</summary>
    [Required]
    [RegularExpression("^(?i:auto|[1-9][0-9]?)$", ErrorMessage = "Analysis:Clusters must be a number from 1 to 99 or 'auto'.")]
    public string Clusters { get; set; } = "5";

    /// <summary>k-means runs from different k-means++ seeds; the one with the lowest inertia wins.</summary>
    [Range(1, 100)]
    public int Restarts { get; set; } = 10;

    [Range(0, int.MaxValue)]
    public int Seed { get; set; } = 42;

    /// <summary>Folds of the stratified cross-validation of the major predictor.</summary>
    [Range(2, 20)]
    public int CvFolds { get; set; } = 5;

    /// <summary>Upper end of the k range tried when <see cref="Clusters"/> is <c>auto</c>.</summary>
    [Range(2, 20)]
    public int MaxAutoClusters { get; set; } = 8;

    /// <summary>Silhouette is O(n²): above this many rows it is computed on a seeded sample of this size.</summary>
    [Range(100, 100_000)]
    public int SilhouetteSampleSize { get; set; } = 2000;

    /// <summary>
    /// Most boosting rounds of the LightGbm major predictor (learning rate 0.1); a run uses n/200 rounds, at least 5.
    /// 50 matched 100 in accuracy on the songs data at half the time; small classes do as well with fewer.
    /// </summary>
    [Range(10, 2000)]
    public int ClassifierIterations { get; set; } = 50;

    [Range(2, 1000)]
    public int ClassifierLeaves { get; set; } = 20;

    /// <summary>Permutation feature importance costs a prediction pass per feature and fold; the CLI turns it off.</summary>
    public bool PermutationImportance { get; set; } = true;

    /// <summary>Keep the standardized feature rows of the points: they make twins possible from the snapshot alone (the CLI leaves them out).</summary>
    public bool IncludeStandardizedRows { get; set; } = true;

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

    /// <summary>The worker's leader lock (held for all its duties) expires this long after its last renewal, so a dead leader is replaced.</summary>
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

    /// <summary>
    /// Besides the <c>snapshot-updated</c> event, the api checks <c>sd:snapshot:current</c> this often,
    /// in case it missed an event (pub/sub does not queue for a disconnected subscriber).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan SnapshotPollInterval { get; set; } = TimeSpan.FromSeconds(10);

    public bool IsAutoClusters => string.Equals(Clusters.Trim(), AutoClusters, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The fixed k, or null when <see cref="Clusters"/> is <c>auto</c>. Never throws: the options' validation reads every
    /// property, and a value that is not a number must reach it to be refused by name.
    /// </summary>
    public int? FixedClusters =>
        !IsAutoClusters && int.TryParse(Clusters.Trim(), System.Globalization.CultureInfo.InvariantCulture, out var k) ? k : null;

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
