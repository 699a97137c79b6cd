namespace SpotifyDashboard.Api.Infrastructure;

/// <summary>
/// On an endpoint that answers from a <see cref="PreparedJson"/>: serving it costs about what refusing it would, so the
/// limits cap how many run at once rather than how many come a minute.
/// </summary>
public sealed class PreparedReadMetadata
{
    public static PreparedReadMetadata Instance { get; } = new();

    private PreparedReadMetadata()
    {
    }
}
