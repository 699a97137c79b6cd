namespace SpotifyDashboard.Api.Answers;

/// <summary>
/// On an endpoint that answers from a <see cref="JsonAnswer"/>: serving it costs about what refusing it would, so the
/// limits (<c>RateLimits:PreparedRead*</c>) cap how many run at once rather than how many come a minute.
/// </summary>
public sealed class InMemoryReadMetadata
{
    public static InMemoryReadMetadata Instance { get; } = new();

    private InMemoryReadMetadata()
    {
    }
}
