using Microsoft.Extensions.Configuration;

namespace SpotifyDashboard.AppHost;

/// <summary>The <c>cache</c> every service uses, and what a service must wait for before using it.</summary>
public sealed record CacheResources(IResourceBuilder<IResourceWithConnectionString> ConnectionString, IResourceBuilder<IResource> Server);

public static class CacheResourceExtensions
{
    public const string CacheName = "cache";

    public const string PasswordName = "cache-password";

    /// <summary>
    /// The Redis container's data volume. A fixed name, not Aspire's default (which hashes the AppHost's path), so every
    /// machine publishes the same manifest and a deployment keeps its data across deploys from different machines.
    /// </summary>
    public const string VolumeName = "spotifydashboard-cache-data";

    public static CacheResources AddCache(this IDistributedApplicationBuilder builder)
    {
        // One generated secret for either server, kept in the AppHost's user-secrets like pseudonym-key,
        // so the data folder and its clients agree across restarts. No special characters: it goes
        // into a connection string as it is.
        var password = builder.AddParameter(PasswordName, new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);

        var useContainer = builder.Configuration.GetValue<bool>("Cache:UseContainer");
        if (builder.ExecutionContext.IsPublishMode || useContainer)
        {
            // A deployable manifest needs a real Redis; Garnet in a project is a development convenience.
            // The append-only file on the data volume keeps every acknowledged write across a restart,
            // not only the last snapshot.
            var redis = builder.AddRedis(CacheName, password: password)
                .WithDataVolume(VolumeName)
                .WithPersistence()
                .WithArgs(WithEntrypointUserAndPasswordOnStdin);
            return new CacheResources(redis, redis);
        }

        var dataPath = builder.Configuration["Cache:DataPath"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured, builder.AppHostDirectory)
            : Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "..", ".data", "garnet"));

        var garnet = builder.AddProject<Projects.SpotifyDashboard_CacheHost>("cache-garnet")
            .WithEndpoint(name: "tcp", scheme: "tcp", env: "Cache__Port")
            .WithEnvironment("Cache__DataPath", dataPath)
            .WithEnvironment("Cache__Password", password)
            .WithHttpHealthCheck("/health");

        var endpoint = garnet.GetEndpoint("tcp");
        var connectionString = builder.AddConnectionString(
            CacheName,
            ReferenceExpression.Create($"{endpoint.Property(EndpointProperty.HostAndPort)},password={password},abortConnect=false"));
        return new CacheResources(connectionString, garnet);
    }

    /// <summary>
    /// With a password Aspire starts Redis through <c>/bin/sh -c "redis-server --requirepass $REDIS_PASSWORD …"</c>: as
    /// root (the image's entrypoint, which steps down to its own <c>redis</c> user, is skipped) and with the password in
    /// the process's command line. The rewritten command hands <c>redis-server</c> to the image's entrypoint and gives the
    /// password as configuration on standard input, so the server runs as <c>redis</c> and the password appears in no
    /// process's arguments. Extra options go inside that one string: after it they would only be the shell's $0, $1….
    /// </summary>
    private static void WithEntrypointUserAndPasswordOnStdin(CommandLineArgsCallbackContext context)
    {
        for (var i = 0; i < context.Args.Count; i++)
        {
            if (context.Args[i] is string command && command.StartsWith("redis-server", StringComparison.Ordinal))
            {
                context.Args[i] = RedisCommand(command);
                return;
            }
        }

        throw new InvalidOperationException("The Redis resource no longer starts through 'redis-server …'; check how it passes the password.");
    }

    /// <summary>
    /// The shell command that starts Redis: <paramref name="aspireCommand"/>'s options without the password, the
    /// append-only file, and <c>-</c> (configuration from standard input, here a here-document the shell expands).
    /// </summary>
    private static string RedisCommand(string aspireCommand)
    {
        const string PasswordOption = "--requirepass $REDIS_PASSWORD";
        var options = aspireCommand["redis-server".Length..].Replace(PasswordOption, "", StringComparison.Ordinal);
        options = string.Join(' ', options.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return $"exec docker-entrypoint.sh redis-server {options} --appendonly yes --appendfsync everysec - <<EOF\nrequirepass $REDIS_PASSWORD\nEOF";
    }

    /// <summary>
    /// The services read the cache's connection string only (and the web finds the api by service discovery): without
    /// the other reference variables (CACHE_HOST, CACHE_PASSWORD, CACHE_URI, API_HTTP…) the cache password sits in one
    /// variable per service instead of three, in the dashboard and in the deployment manifest alike.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithCache(this IResourceBuilder<ProjectResource> project, CacheResources cache) =>
        project
            .WithReferenceEnvironment(ReferenceEnvironmentInjectionFlags.ConnectionString | ReferenceEnvironmentInjectionFlags.ServiceDiscovery)
            .WithReference(cache.ConnectionString)
            .WaitFor(cache.Server);
}
