using System.ComponentModel.DataAnnotations;

namespace SpotifyDashboard.Web.Services;

/// <summary>The <c>LiveFeed</c> section of the web front.</summary>
public sealed class LiveFeedOptions
{
    public const string SectionName = "LiveFeed";

    /// <summary>
    /// How often an open Live Feed asks the api for news. Changes pushed over the api's event
    /// stream show at once; this is the fallback when the stream is down.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.250", "00:10:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a newly arrived response stays highlighted.</summary>
    public TimeSpan NewHighlight { get; set; } = TimeSpan.FromSeconds(30);

    [Range(1, 500)]
    public int Rows { get; set; } = 50;
}
