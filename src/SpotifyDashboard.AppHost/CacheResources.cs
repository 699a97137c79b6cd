using Microsoft.Extensions.Configuration;

namespace SpotifyDashboard.AppHost;

/// <summary>The <c>cache</c> every service uses, and what a service must wait for before using it.</summary>
public sealed record CacheResources(IResourceBuilder<IResourceWithConnectionString> ConnectionString, IResourceBuilder<IResource> Server);

public static class CacheResourceExtensions
{
    public const string CacheName = "cache";

    public static CacheResources AddCache(this IDistributedApplicationBuilder builder)
    {
        var useContainer = builder.Configuration.GetValue<bool>("Cache:UseContainer");
        if (builder.ExecutionContext.IsPublishMode || useContainer)
        {
            // A deployable manifest needs a real Redis; Garnet in a project is a development convenience.
            var redis = builder.AddRedis(CacheName).WithDataVolume().WithPersistence();
            return new CacheResources(redis, redis);
        }

        var dataPath = builder.Configuration["Cache:DataPath"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured, builder.AppHostDirectory)
            : Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "..", ".data", "garnet"));

        var garnet = builder.AddProject<Projects.SpotifyDashboard_CacheHost>("cache-garnet")
            .WithEndpoint(name: "tcp", scheme: "tcp", env: "Cache__Port")
            .WithEnvironment("Cache__DataPath", dataPath)
            .WithHttpHealthCheck("/health");

        var endpoint = garnet.GetEndpoint("tcp");
        var connectionString = builder.AddConnectionString(
            CacheName,
            ReferenceExpression.Create($"{endpoint.Property(EndpointProperty.HostAndPort)},abortConnect=false"));
        return new CacheResources(connectionString, garnet);
    }

    public static IResourceBuilder<ProjectResource> WithCache(this IResourceBuilder<ProjectResource> project, CacheResources cache) =>
        project.WithReference(cache.ConnectionString).WaitFor(cache.Server);
}
