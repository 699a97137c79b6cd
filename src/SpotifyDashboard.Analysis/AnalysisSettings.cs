using System.ComponentModel.DataAnnotations;

namespace SpotifyDashboard.Analysis;

/// <summary>
/// Settings of one analysis run, bound from the <c>Analysis</c> configuration section
/// (<c>AddOptions&lt;AnalysisSettings&gt;().BindConfiguration(AnalysisSettings.SectionName)</c>).
/// </summary>
public sealed class AnalysisSettings
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

    /// <summary>Leave out the standardized feature rows of the points (they make twins possible from the snapshot alone).</summary>
    public bool IncludeStandardizedRows { get; set; } = true;

    public bool IsAutoClusters => string.Equals(Clusters.Trim(), AutoClusters, StringComparison.OrdinalIgnoreCase);

    /// <summary>The fixed k, or null when <see cref="Clusters"/> is <c>auto</c>.</summary>
    public int? FixedClusters => IsAutoClusters ? null : int.Parse(Clusters.Trim(), System.Globalization.CultureInfo.InvariantCulture);
}
