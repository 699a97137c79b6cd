using System.ComponentModel.DataAnnotations;

namespace SpotifyDashboard.Enrichment.Options;

/// <summary>The <c>ReccoBeats</c> section: the free audio-feature service, no key needed.</summary>
public sealed class ReccoBeatsOptions
{
    public const string SectionName = "ReccoBeats";

    [Required, Url]
    public string BaseUrl { get; set; } = "https://api.reccobeats.com/v1";

    [Required]
    public ProviderLimits Limits { get; set; } = new() { RequestsPerSecond = 5, Burst = 5 };
}
