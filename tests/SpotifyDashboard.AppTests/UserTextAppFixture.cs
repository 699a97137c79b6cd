using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aspire.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SpotifyDashboard.AppTests;

/// <summary>
/// The whole app reading a class of 40 from a Google Forms CSV, one of whom typed markup as their song,
/// enriched through fake Spotify and ReccoBeats on loopback. Ready once the analysis covers the whole class.
/// </summary>
public sealed class UserTextAppFixture : IAsyncLifetime
{
    public const string MarkupSong = "<img src=x onerror=alert(1)>";
    public const string MarkupArtist = "<b>Bold</b> & Co";
    public const int ClassSize = 40;

    private static readonly string[] Majors = ["Biology", "Computer Science", "Music", "Physics", "History"];
    private static readonly string[] Years = ["Freshman", "Sophomore", "Junior", "Senior"];
    private static readonly string[] Moments = ["Morning", "Afternoon", "Evening", "Late night"];

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"sd-apptests-text-{Guid.NewGuid():N}");

    public MusicServiceFakes Fakes { get; } = new();

    public DistributedApplication App { get; private set; } = null!;

    public HttpClient Api { get; private set; } = null!;

    public HttpClient Web { get; private set; } = null!;

    /// <summary>The response id of the student whose song is <see cref="MarkupSong"/>.</summary>
    public string MarkupResponseId { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        var csv = Path.Combine(_folder, "class-survey.csv");
        await File.WriteAllTextAsync(csv, ClassCsv(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.SpotifyDashboard_AppHost>(
        [
            "Survey:Source=Csv",
            $"Survey:CsvPath={csv}",
            "Survey:PollInterval=00:00:02",
            $"Spotify:AccountsBaseUrl={Fakes.AccountsBaseUrl}",
            $"Spotify:ApiBaseUrl={Fakes.SpotifyApiBaseUrl}",
            $"ReccoBeats:BaseUrl={Fakes.ReccoBeatsBaseUrl}",
            "Parameters:spotify-client-id=fake-client-id",
            "Parameters:spotify-client-secret=fake-client-secret",
            "Enrichment:Interval=00:00:02",
            $"Cache:DataPath={Path.Combine(_folder, "garnet")}",
            "Parameters:pseudonym-key=apptests-pseudonym-key",
            $"LiveFeed:RefreshInterval={AppFixture.FallbackRefresh:c}",
            $"Dashboard:FallbackRefreshInterval={AppFixture.FallbackRefresh:c}",
        ]);
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        App = await builder.BuildAsync();
        using var cts = new CancellationTokenSource(AppFixture.StartTimeout);
        await App.StartAsync(cts.Token);
        foreach (var resource in new[] { "cache-garnet", "worker", "api", "web" })
        {
            await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, cts.Token);
        }

        Api = App.CreateHttpClient("api");
        Web = App.CreateHttpClient("web");

        // Every student read, looked up and in the analysis the pages draw.
        await PageWaits.UntilAsync(
            async () => await Api.GetAsync("/api/clusters") is { IsSuccessStatusCode: true } r ? await r.Content.ReadFromJsonAsync<JsonElement>() : default,
            c => c.ValueKind == JsonValueKind.Object && c.GetProperty("points").GetArrayLength() == ClassSize,
            TimeSpan.FromSeconds(120));
        var responses = await Api.GetFromJsonAsync<JsonElement>("/api/responses?limit=100");
        MarkupResponseId = responses.GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("song").GetString() == MarkupSong).GetProperty("id").GetString()!;
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

    /// <summary>A Google Forms export (the headers of Fixtures/class-survey.csv), student 17 with the markup song.</summary>
    private static string ClassCsv()
    {
        var csv = new StringBuilder();
        csv.AppendLine("Timestamp,Your name,How old are you?,What is your major?,What year are you in?,Where are you from (hometown)?,What's your favourite song?,Who is the artist?,How many hours a day do you listen to music?,When do you usually listen to music?");
        var start = new DateTime(2026, 11, 20, 9, 0, 0, DateTimeKind.Unspecified);
        for (var i = 0; i < ClassSize; i++)
        {
            var (song, artist) = i == 17 ? (MarkupSong, MarkupArtist) : ($"Song Number {i + 1}", $"Band {(char)('A' + (i % 13))}");
            string[] row =
            [
                start.AddSeconds(i * 37).ToString("M/d/yyyy H:mm:ss", CultureInfo.InvariantCulture),
                $"Student {i + 1:00}",
                (18 + (i % 7)).ToString(CultureInfo.InvariantCulture),
                Majors[i % Majors.Length],
                Years[i % Years.Length],
                $"Town {i % 9}",
                song,
                artist,
                (1 + (i % 5)).ToString(CultureInfo.InvariantCulture),
                Moments[i % Moments.Length],
            ];
            csv.AppendLine(string.Join(',', row.Select(Quote)));
        }

        return csv.ToString();
    }

    private static string Quote(string field) => $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
