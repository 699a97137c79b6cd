using System.ComponentModel.DataAnnotations;

namespace SpotifyDashboard.Api.Sources;

/// <summary>How the api follows the active source (section <c>ActiveSource</c>).</summary>
public sealed class ActiveSourceOptions
{
    public const string SectionName = "ActiveSource";

    /// <summary>
    /// Besides the <c>source-changed</c> event, the override is read this often, in case an event was missed
    /// (pub/sub does not queue for a disconnected subscriber).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The folder that keeps the teacher's upload and choice of source as files (relative to the api's folder; a volume
    /// when deployed). The cache holds copies and gets them back from here when it loses them.
    /// </summary>
    [Required(AllowEmptyStrings = false)]
    public string DataPath { get; set; } = Path.Combine(".data", "survey");
}
