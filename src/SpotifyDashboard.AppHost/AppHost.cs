using SpotifyDashboard.AppHost;

var builder = DistributedApplication.CreateBuilder(args);

// Garnet in-process by default (no Docker needed); a Redis container when asked for and when publishing.
var cache = builder.AddCache();

var pseudonymKey = builder.AddParameter("pseudonym-key", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);

var worker = builder.AddProject<Projects.SpotifyDashboard_Worker>("worker")
    .WithCache(cache)
    .WithAppSettings(builder.Configuration)
    .WithEnvironment("Privacy__PseudonymKey", pseudonymKey)
    .WithHttpHealthCheck("/health");

var api = builder.AddProject<Projects.SpotifyDashboard_Api>("api")
    .WithCache(cache)
    .WithAppSettings(builder.Configuration)
    .WithHttpHealthCheck("/health");

builder.AddProject<Projects.SpotifyDashboard_Web>("web")
    .WithReference(api)
    .WaitFor(api)
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health");

builder.Build().Run();
