using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace SpotifyDashboard.Api.Answers;

/// <summary>
/// Writes a <see cref="JsonAnswer"/>; in the OpenAPI document the endpoint answers 200 with a
/// <typeparamref name="T"/>, as with <c>Ok&lt;T&gt;</c>. Marks its endpoint an in-memory read
/// (<see cref="InMemoryReadMetadata"/>), which the limits treat as cheap.
/// </summary>
public sealed class JsonAnswerResult<T>(JsonAnswer answer) : IResult, IEndpointMetadataProvider
{
    public Task ExecuteAsync(HttpContext httpContext) => answer.WriteAsync(httpContext);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
        builder.Metadata.Add(InMemoryReadMetadata.Instance);
    }
}

/// <summary>
/// On an endpoint that answers from a <see cref="JsonAnswer"/>: serving it costs about what refusing it would, so the
/// limits (<c>RateLimits:PreparedRead*</c>) cap how many run at once rather than how many come a minute.
/// </summary>
public sealed class InMemoryReadMetadata
{
    public static InMemoryReadMetadata Instance { get; } = new();
}
