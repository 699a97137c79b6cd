using System.ComponentModel.DataAnnotations;

namespace SpotifyDashboard.ServiceDefaults.Http;

/// <summary>The <c>UserAgent</c> section: where the operators of the services we call can learn who is calling.</summary>
public sealed class UserAgentOptions : IValidatableObject
{
    public const string SectionName = "UserAgent";

    public const string DefaultContactUrl = "https://github.com/SpotifyDashboard/SpotifyDashboard";

    /// <summary>An http(s) address about this deployment or the project (a page, a repository, a mailto: is not one).</summary>
    [Required]
    public string ContactUrl { get; set; } = DefaultContactUrl;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Parentheses would end the User-Agent's comment early; whitespace would split it.
        if (!Uri.TryCreate(ContactUrl, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https")
            || ContactUrl.IndexOfAny(['(', ')', '\\', ' ', '\t', '\r', '\n']) >= 0)
        {
            yield return new ValidationResult(
                $"{SectionName}:ContactUrl must be an absolute http(s) address without spaces or parentheses, e.g. {DefaultContactUrl}.",
                [nameof(ContactUrl)]);
        }
    }
}
