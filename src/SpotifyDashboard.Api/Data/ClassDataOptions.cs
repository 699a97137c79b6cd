using System.ComponentModel.DataAnnotations;

namespace SpotifyDashboard.Api.Data;

/// <summary>How the api keeps its in-memory copy of the class's answers fresh (section <c>ClassData</c>).</summary>
public sealed class ClassDataOptions
{
    public const string SectionName = "ClassData";

    /// <summary>
    /// Besides the <c>response-added</c> and <c>responses-enriched</c> events, the answers are reloaded this often,
    /// in case an event was missed (pub/sub does not queue for a disconnected subscriber).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan ReloadInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>An event reloads once the events have been quiet this long, so a burst of them is one reload.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan Debounce { get; set; } = TimeSpan.FromMilliseconds(250);
}
