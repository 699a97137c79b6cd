using System.Text.Json.Nodes;
using SpotifyDashboard.AppHost;

namespace SpotifyDashboard.AppTests.Deploy;

/// <summary>The deployment manifest the AppHost publishes for azd: what it must hold, and what it must never hold.</summary>
[Collection(PublishedManifestCollection.Name)]
public sealed class ManifestTests(PublishedManifestFixture fixture)
{
    private static readonly string[] GeneratedSecrets = ["cache-password", "pseudonym-key", "internal-key", "data-protection-secret"];

    /// <summary>The secrets azd asks the person deploying for.</summary>
    private static readonly string[] AskedSecrets = ["admin-key", "spotify-client-id", "spotify-client-secret", "google-service-account"];

    private PublishedManifest Manifest => fixture.Manifest;

    [Fact]
    public void HoldsTheFourServicesAndEverySecretAsAParameter()
    {
        Assert.Equal("container.v0", Manifest.TypeOf("cache"));
        Assert.All((string[])["worker", "api", "web"], name => Assert.Equal("project.v0", Manifest.TypeOf(name)));
        Assert.Equal(GeneratedSecrets.Concat(AskedSecrets).Order(), Manifest.Parameters.Order());
    }

    [Fact]
    public void EveryParameterIsASecretInputThatAzdGeneratesOrAsksFor()
    {
        foreach (var name in Manifest.Parameters)
        {
            var parameter = Manifest.Resource(name);
            Assert.Equal($"{{{name}.inputs.value}}", (string?)parameter["value"]);
            var input = parameter["inputs"]!["value"]!;
            Assert.True((bool)input["secret"]!, $"{name} must be a secret input");
            Assert.Null(input["default"]?["value"]);
            var generated = input["default"]?["generate"] is not null;
            Assert.True(generated == GeneratedSecrets.Contains(name), $"{name}: generated is {generated}");
        }
    }

    [Fact]
    public void NoSecretValueReachesTheManifestOrTheConsole()
    {
        Assert.DoesNotContain("leak-check", Manifest.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("leak-check", Manifest.ConsoleOutput, StringComparison.OrdinalIgnoreCase);
        // The check means something: plain settings do come through, and the refused ones are named on the console.
        Assert.Equal(PublishedManifestFixture.PlainSheetId, Manifest.EnvironmentOf("worker")["Survey__SheetId"]);
        Assert.Contains("Survey:ServiceAccount looks like a secret", Manifest.ConsoleOutput);
    }

    [Fact]
    public void EverySecretVariableIsAnExpressionOverAParameter()
    {
        foreach (var name in (string[])["cache", "worker", "api", "web"])
        {
            foreach (var (variable, value) in Manifest.EnvironmentOf(name))
            {
                var secretByName = AppSettingsForwarding.LooksSecret(variable.Replace("__", ":", StringComparison.Ordinal)) || variable.StartsWith("ConnectionStrings__", StringComparison.Ordinal);
                if (secretByName)
                {
                    Assert.Matches(@"^\{[a-z-]+\.(value|connectionString)\}$", value);
                }
            }
        }

        Assert.Equal("{cache-password.value}", Manifest.EnvironmentOf("cache")["REDIS_PASSWORD"]);
        Assert.Equal("{admin-key.value}", Manifest.EnvironmentOf("web")["Admin__Key"]);
        Assert.Equal("{data-protection-secret.value}", Manifest.EnvironmentOf("web")["DataProtection__KeyEncryptionSecret"]);
        Assert.Equal("{google-service-account.value}", Manifest.EnvironmentOf("worker")["Survey__ServiceAccount"]);
        Assert.Contains("password={cache-password.value}", (string?)Manifest.Resource("cache")["connectionString"]);
    }

    [Fact]
    public void TheCacheIsARedisContainerKeepingEveryWriteOnAFixedVolume()
    {
        var cache = Manifest.Resource("cache");

        Assert.StartsWith("docker.io/library/redis:", (string?)cache["image"]);
        var volume = Assert.Single(cache["volumes"]!.AsArray())!;
        Assert.Equal("/data", (string?)volume["target"]);
        // Fixed, not Aspire's default that hashes the AppHost's path: the same on every machine that deploys.
        Assert.Equal(CacheResourceExtensions.VolumeName, (string?)volume["name"]);
        Assert.False((bool)volume["readOnly"]!);
        var command = string.Join(' ', cache["args"]!.AsArray().Select(a => (string?)a));
        Assert.Contains("--appendonly yes", command);
        Assert.Contains("--save 60 1", command);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task TheCacheStartsThroughTheImagesEntrypointWithThePasswordOnStandardInput()
    {
        var cache = Manifest.Resource("cache");
        Assert.Equal("/bin/sh", (string?)cache["entrypoint"]);
        var args = cache["args"]!.AsArray().Select(a => (string)a!).ToList();

        // A stand-in for the redis image's docker-entrypoint.sh records what it is handed. The real one steps down to
        // the image's own user only when its first argument is redis-server.
        var folder = Directory.CreateTempSubdirectory("redis-entrypoint-");
        try
        {
            var stub = Path.Combine(folder.FullName, "docker-entrypoint.sh");
            await File.WriteAllTextAsync(stub, $"#!/bin/sh\nprintf '%s\\n' \"$@\" > '{folder.FullName}/args'\ncat > '{folder.FullName}/stdin'\n");
            File.SetUnixFileMode(stub, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            const string Password = "manifest-check-password-4c1e";
            var start = new System.Diagnostics.ProcessStartInfo("/bin/sh");
            args.ForEach(start.ArgumentList.Add);
            start.Environment["PATH"] = $"{folder.FullName}:{Environment.GetEnvironmentVariable("PATH")}";
            start.Environment["REDIS_PASSWORD"] = Password;
            using var process = System.Diagnostics.Process.Start(start)!;
            await process.WaitForExitAsync();

            var handed = await File.ReadAllLinesAsync(Path.Combine(folder.FullName, "args"));
            Assert.Equal("redis-server", handed[0]);
            Assert.Equal("-", handed[^1]);
            Assert.DoesNotContain(handed, a => a.Contains(Password, StringComparison.Ordinal) || a.Contains("requirepass", StringComparison.Ordinal));
            Assert.DoesNotContain(args, a => a.Contains("--requirepass", StringComparison.Ordinal));
            Assert.Equal($"requirepass {Password}\n", await File.ReadAllTextAsync(Path.Combine(folder.FullName, "stdin")));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void OnlyTheWebIsReachableFromOutside()
    {
        var external = Manifest.Resources
            .Where(r => r.Value?["bindings"] is JsonObject)
            .SelectMany(r => r.Value!["bindings"]!.AsObject().Select(b => (Resource: r.Key, Binding: b.Key, External: (bool?)b.Value!["external"] ?? false)))
            .ToList();

        Assert.Equal(["web:http", "web:https"], external.Where(b => b.External).Select(b => $"{b.Resource}:{b.Binding}").Order());
        Assert.Contains(external, b => b is { Resource: "api", External: false });
        Assert.Contains(external, b => b is { Resource: "worker", External: false });
        Assert.Contains(external, b => b is { Resource: "cache", Binding: "tcp", External: false });
    }

    [Fact]
    public void TheListenerSignInComesBackToTheWebsOwnDeployedAddress()
    {
        Assert.Equal("{web.bindings.https.url}/auth/spotify/callback", Manifest.EnvironmentOf("web")["Spotify__RedirectUri"]);
        // Not 127.0.0.1, and the Spotify client secret stays with the services that look songs up.
        Assert.DoesNotContain("Spotify__ClientSecret", Manifest.EnvironmentOf("web").Keys);
    }

    [Fact]
    public async Task WithoutGoogleSheetAzdFillsTheServiceAccountInsteadOfAskingAndAConfiguredRedirectWins()
    {
        const string Redirect = "https://class.example.org/auth/spotify/callback";
        var manifest = await PublishedManifest.PublishAsync(new Dictionary<string, string>
        {
            [OptionalSecrets.WithoutGoogleSheetSetting.Replace(":", "__", StringComparison.Ordinal)] = "true",
            ["Spotify__RedirectUri"] = Redirect,
        });

        var account = manifest.Resource(OptionalSecrets.GoogleServiceAccount)["inputs"]!["value"]!;
        Assert.True((bool)account["secret"]!);
        Assert.NotNull(account["default"]?["generate"]);
        // The worker still gets the (unused) value, so its template stays valid; the other secrets are still asked for.
        Assert.Equal("{google-service-account.value}", manifest.EnvironmentOf("worker")["Survey__ServiceAccount"]);
        Assert.All(AskedSecrets.Except([OptionalSecrets.GoogleServiceAccount]), name => Assert.Null(manifest.Resource(name)["inputs"]!["value"]!["default"]));
        Assert.Equal(Redirect, manifest.EnvironmentOf("web")["Spotify__RedirectUri"]);
    }
}
