using System.ComponentModel.DataAnnotations;

namespace SpotifyDashboard.Api.Analysis;

/// <summary>The api's key of the <c>Analysis</c> section.</summary>
public sealed class SnapshotHolderOptions
{
    public const string SectionName = "Analysis";

    /// <summary>
    /// Besides the <c>snapshot-updated</c> event, the api checks <c>sd:snapshot:current</c> this often,
    /// in case it missed an event (pub/sub does not queue for a disconnected subscriber).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan SnapshotPollInterval { get; set; } = TimeSpan.FromSeconds(10);
}
