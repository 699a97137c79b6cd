using System.Diagnostics;
using System.Text.Json.Nodes;

namespace SpotifyDashboard.AppTests.Deploy;

/// <summary>
/// The deployment manifest as azd gets it: the built AppHost run as a process with <c>--publisher manifest</c>, given
/// only the settings a test passes (as environment variables, the way CI passes secrets) and not this machine's
/// user-secrets (Production environment).
/// </summary>
public sealed record PublishedManifest(string Text, JsonObject Resources, string ConsoleOutput)
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(60);

    public static async Task<PublishedManifest> PublishAsync(IReadOnlyDictionary<string, string> settings)
    {
        var output = Directory.CreateTempSubdirectory("sd-manifest-");
        try
        {
            var path = Path.Combine(output.FullName, "aspire-manifest.json");
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = output.FullName,
            };
            foreach (var argument in (string[])[Path.Combine(AppContext.BaseDirectory, "SpotifyDashboard.AppHost.dll"), "--publisher", "manifest", "--output-path", path])
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["DOTNET_ENVIRONMENT"] = "Production";
            start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
            foreach (var (key, value) in settings)
            {
                start.Environment[key] = value;
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(PublishTimeout);
            await process.WaitForExitAsync(timeout.Token);
            var console = await stdout + await stderr;
            Assert.True(process.ExitCode == 0, $"The AppHost failed to publish (exit code {process.ExitCode}):\n{console}");

            var text = await File.ReadAllTextAsync(path);
            return new(text, JsonNode.Parse(text)!["resources"]!.AsObject(), console);
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    public JsonObject Resource(string name) => Assert.IsType<JsonObject>(Resources[name], exactMatch: false);

    public string TypeOf(string name) => (string)Resource(name)["type"]!;

    public IEnumerable<string> Parameters => Resources.Where(r => (string?)r.Value?["type"] == "parameter.v0").Select(r => r.Key);

    public IReadOnlyDictionary<string, string> EnvironmentOf(string name) =>
        Resource(name)["env"]?.AsObject().ToDictionary(e => e.Key, e => (string)e.Value!) ?? [];
}
