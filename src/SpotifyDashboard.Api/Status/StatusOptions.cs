using System.ComponentModel.DataAnnotations;

namespace SpotifyDashboard.Api.Status;

/// <summary>How fresh <c>/api/status</c> keeps what the worker writes without an event (section <c>Status</c>).</summary>
public sealed class StatusOptions
{
    public const string SectionName = "Status";

    /// <summary>
    /// The source's read status (rows read, last read, error), the header mapping and the providers' states are read
    /// again this often (three small keys); the counts follow the class's answers as they are reloaded.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(1);
}
