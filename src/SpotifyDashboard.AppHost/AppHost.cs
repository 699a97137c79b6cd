using SpotifyDashboard.AppHost;

var builder = DistributedApplication.CreateBuilder(args);

// Garnet in-process by default (no Docker needed); a Redis container when asked for and when publishing.
var cache = builder.AddCache();

var pseudonymKey = builder.AddParameter("pseudonym-key", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);
// The web proves with it that the browser address it forwards to the api (for per-user limits) is its own word.
var internalKey = builder.AddParameter("internal-key", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);
// Encrypts the web's data-protection keys before they go to the cache: a copy of the cache opens no cookie and no token.
var dataProtectionSecret = builder.AddParameter("data-protection-secret", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);
var googleServiceAccount = builder.AddOptionalSecret(OptionalSecrets.GoogleServiceAccount);
var spotifyClientId = builder.AddOptionalSecret("spotify-client-id");
var spotifyClientSecret = builder.AddOptionalSecret("spotify-client-secret");
var adminKey = builder.AddOptionalSecret("admin-key");

var worker = builder.AddProject<Projects.SpotifyDashboard_Worker>("worker")
    .WithCache(cache)
    .WithAppSettings(builder.Configuration, AppSettingsForwarding.BackendSections)
    .WithEnvironment("Privacy__PseudonymKey", pseudonymKey)
    .WithSecret("Survey__ServiceAccount", googleServiceAccount)
    .WithSecret("Spotify__ClientId", spotifyClientId)
    .WithSecret("Spotify__ClientSecret", spotifyClientSecret)
    .WithHttpHealthCheck("/health")
    .WithReplicasFrom(builder.Configuration, Scaling.Workers);

var api = builder.AddProject<Projects.SpotifyDashboard_Api>("api")
    .WithCache(cache)
    .WithAppSettings(builder.Configuration, AppSettingsForwarding.BackendSections)
    .WithSecret("Spotify__ClientId", spotifyClientId)
    .WithSecret("Spotify__ClientSecret", spotifyClientSecret)
    .WithSecret("Enrichment__AdminKey", adminKey)
    .WithEnvironment("Internal__Key", internalKey)
    .WithSurveyDataFolder(builder.Configuration)
    .WithHttpHealthCheck("/health")
    .WithReplicasFrom(builder.Configuration, Scaling.Apis);

builder.AddProject<Projects.SpotifyDashboard_Web>("web")
    .WithReference(api)
    .WaitFor(api)
    .WithCache(cache)
    .WithSecret("Admin__Key", adminKey)
    .WithSecret("Spotify__ClientId", spotifyClientId)
    .WithAppSettings(builder.Configuration, AppSettingsForwarding.WebSections)
    .WithDeployedSpotifyRedirect(builder.Configuration)
    .WithEnvironment("Internal__Key", internalKey)
    .WithEnvironment("DataProtection__KeyEncryptionSecret", dataProtectionSecret)
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health");

builder.Build().Run();
