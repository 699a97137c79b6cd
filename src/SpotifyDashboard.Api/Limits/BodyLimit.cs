using Microsoft.AspNetCore.Http.Metadata;

namespace SpotifyDashboard.Api.Limits;

/// <summary>An endpoint's own request body limit, in place of <c>RateLimits:MaxBodyBytes</c>; null means none.</summary>
public sealed record BodyLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;

public static class BodyLimitEndpointExtensions
{
    /// <summary>
    /// Lets this endpoint take bodies up to <paramref name="bytes"/> (e.g. an upload: <c>.WithBodyLimit(10 * 1024 * 1024)</c>).
    /// <c>[RequestSizeLimit]</c> and <c>[DisableRequestSizeLimit]</c> on a handler work too: both are <see cref="IRequestSizeLimitMetadata"/>.
    /// </summary>
    public static TBuilder WithBodyLimit<TBuilder>(this TBuilder builder, long bytes) where TBuilder : IEndpointConventionBuilder
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bytes);
        return builder.WithMetadata(new BodyLimit(bytes));
    }
}
