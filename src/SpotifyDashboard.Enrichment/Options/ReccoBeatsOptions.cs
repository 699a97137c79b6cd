using System.ComponentModel.DataAnnotations;
using SpotifyDashboard.Core.Configuration;

namespace SpotifyDashboard.Enrichment.Options;

/// <summary>The <c>ReccoBeats</c> section: the free audio-feature service, no key needed.</summary>
public sealed class ReccoBeatsOptions : IValidatableObject
{
    public const string SectionName = "ReccoBeats";

    [Required, Url]
    public string BaseUrl { get; set; } = "https://api.reccobeats.com/v1";

    [Required]
    public ProviderLimits Limits { get; set; } = new() { RequestsPerSecond = 5, Burst = 5 };

    /// <summary>The data annotations of <see cref="Limits"/> are not checked by <c>ValidateDataAnnotations</c> by themselves.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        Limits.IsValid() ? [] : [new(ProviderLimits.Problem(SectionName), [nameof(Limits)])];
}
