using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace SpotifyDashboard.Api.Infrastructure;

/// <summary>
/// Writes a <see cref="PreparedJson"/>; in the OpenAPI document the endpoint still answers 200 with a
/// <typeparamref name="T"/>, as it did when it returned <c>Ok&lt;T&gt;</c>. Marks its endpoint a prepared read
/// (<see cref="PreparedReadMetadata"/>), which the limits treat as cheap.
/// </summary>
public sealed class PreparedJsonResult<T>(PreparedJson answer) : IResult, IEndpointMetadataProvider
{
    public PreparedJson Answer => answer;

    public Task ExecuteAsync(HttpContext httpContext) => answer.WriteAsync(httpContext);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
        builder.Metadata.Add(PreparedReadMetadata.Instance);
    }
}
