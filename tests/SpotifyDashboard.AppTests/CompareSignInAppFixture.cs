using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SpotifyDashboard.AppTests;

/// <summary>
/// The whole app with a class of 30 read from a CSV and enriched through the fakes, and the listener sign-in on:
/// the web's client id is set and its redirect URI is its own (randomly ported) callback, which the fake Spotify's
/// authorize page sends the browser back to. The listener's top tracks are three of the class's songs.
/// </summary>
public sealed class CompareSignInAppFixture : IAsyncLifetime
{
    public const int ClassSize = 30;

    private static readonly string[] Majors = ["Biology", "Computer Science", "Music", "Physics", "History"];

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"sd-apptests-compare-{Guid.NewGuid():N}");

    public MusicServiceFakes Fakes { get; } = new();

    public DistributedApplication App { get; private set; } = null!;

    public HttpClient Api { get; private set; } = null!;

    public HttpClient Web { get; private set; } = null!;

    public static string NameOf(int i) => $"Student {i + 1:00}";

    public static (string Title, string Artist) SongOf(int i) => ($"Song Number {i + 1}", $"Band {(char)('A' + (i % 11))}");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        var csv = Path.Combine(_folder, "class-survey.csv");
        await File.WriteAllTextAsync(csv, ClassCsv(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        foreach (var i in new[] { 2, 9, 21 })
        {
            var (title, artist) = SongOf(i);
            Fakes.AddTopTrack(title, artist);
        }

        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.SpotifyDashboard_AppHost>(
        [
            "Survey:Source=Csv",
            $"Survey:CsvPath={csv}",
            "Survey:PollInterval=00:00:02",
            $"Spotify:AccountsBaseUrl={Fakes.AccountsBaseUrl}",
            $"Spotify:ApiBaseUrl={Fakes.SpotifyApiBaseUrl}",
            $"ReccoBeats:BaseUrl={Fakes.ReccoBeatsBaseUrl}",
            "Parameters:spotify-client-id=test-client",
            "Parameters:spotify-client-secret=fake-client-secret",
            "Enrichment:Interval=00:00:02",
            $"Cache:DataPath={Path.Combine(_folder, "garnet")}",
            "Parameters:pseudonym-key=apptests-pseudonym-key",
            $"LiveFeed:RefreshInterval={AppFixture.FallbackRefresh:c}",
            $"Dashboard:FallbackRefreshInterval={AppFixture.FallbackRefresh:c}",
        ]);
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));

        // Spotify sends the browser back to the redirect URI, which must be the web's own callback on its real port.
        var web = builder.CreateResourceBuilder<ProjectResource>("web");
        web.WithEnvironment("Spotify__RedirectUri", ReferenceExpression.Create($"{web.GetEndpoint("http")}/auth/spotify/callback"));

        App = await builder.BuildAsync();
        using var cts = new CancellationTokenSource(AppFixture.StartTimeout);
        await App.StartAsync(cts.Token);
        foreach (var resource in new[] { "cache-garnet", "worker", "api", "web" })
        {
            await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, cts.Token);
        }

        Api = App.CreateHttpClient("api");
        Web = App.CreateHttpClient("web");

        await PageWaits.UntilAsync(
            async () => await Api.GetAsync("/api/clusters") is { IsSuccessStatusCode: true } r ? await r.Content.ReadFromJsonAsync<JsonElement>() : default,
            c => c.ValueKind == JsonValueKind.Object && c.GetProperty("points").GetArrayLength() == ClassSize,
            TimeSpan.FromSeconds(120));
    }

    public async Task DisposeAsync()
    {
        Api?.Dispose();
        Web?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        Fakes.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private static string ClassCsv()
    {
        var csv = new StringBuilder();
        csv.AppendLine("Timestamp,Your name,How old are you?,What is your major?,What year are you in?,Where are you from (hometown)?,What's your favourite song?,Who is the artist?,How many hours a day do you listen to music?,When do you usually listen to music?");
        var start = new DateTime(2026, 11, 20, 9, 0, 0, DateTimeKind.Unspecified);
        for (var i = 0; i < ClassSize; i++)
        {
            var (song, artist) = SongOf(i);
            string[] row =
            [
                start.AddSeconds(i * 41).ToString("M/d/yyyy H:mm:ss", CultureInfo.InvariantCulture),
                NameOf(i),
                (18 + (i % 7)).ToString(CultureInfo.InvariantCulture),
                Majors[i % Majors.Length],
                (i % 4) switch { 0 => "Freshman", 1 => "Sophomore", 2 => "Junior", _ => "Senior" },
                $"Town {i % 9}",
                song,
                artist,
                (1 + (i % 5)).ToString(CultureInfo.InvariantCulture),
                (i % 2) == 0 ? "Evening" : "Morning",
            ];
            csv.AppendLine(string.Join(',', row.Select(f => $"\"{f}\"")));
        }

        return csv.ToString();
    }
}
