using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace SpotifyDashboard.AppTests;

/// <summary>
/// The whole app reading a class of 40 from a Google Forms CSV, one of whom typed markup as their song, enriched through
/// fake Spotify and ReccoBeats on loopback, with the listener sign-in on: the web's client id is set and its redirect URI
/// is its own (randomly ported) callback, which the fake Spotify's authorize page sends the browser back to. The
/// listener's top tracks are three of the class's songs. Ready once the analysis covers every student whose track
/// ReccoBeats knows.
/// </summary>
public sealed class CsvClassAppFixture() : FakeMusicAppFixture("class")
{
    public const string MarkupSong = "<img src=x onerror=alert(1)>";
    public const string MarkupArtist = "<b>Bold</b> & Co";
    public const int ClassSize = 40;

    private static readonly string[] Majors = ["Biology", "Computer Science", "Music", "Physics", "History"];
    private static readonly string[] Years = ["Freshman", "Sophomore", "Junior", "Senior"];
    private static readonly string[] Moments = ["Morning", "Afternoon", "Evening", "Late night"];

    /// <summary>The response id of the student whose song is <see cref="MarkupSong"/>.</summary>
    public string MarkupResponseId { get; private set; } = null!;

    /// <summary>The students whose songs are the listener's top tracks: three the analysis holds.</summary>
    public static IReadOnlyList<int> ListenerSongs { get; } =
        [.. new[] { 2, 9, 21, 26, 33, 38 }.Where(i => MusicServiceFakes.ReccoBeatsKnows(SongOf(i).Title, SongOf(i).Artist)).Take(3)];

    protected override IEnumerable<string> MoreSettings => ["Parameters:spotify-client-id=fake-client-id"];

    /// <summary>Spotify sends the browser back to the redirect URI, which must be the web's own callback on its real port.</summary>
    protected override void Configure(IDistributedApplicationTestingBuilder builder)
    {
        var web = builder.CreateResourceBuilder<ProjectResource>("web");
        web.WithEnvironment("Spotify__RedirectUri", ReferenceExpression.Create($"{web.GetEndpoint("http")}/auth/spotify/callback"));
    }

    protected override void PrepareFakes()
    {
        foreach (var i in ListenerSongs)
        {
            var (title, artist) = SongOf(i);
            Fakes.AddTopTrack(title, artist);
        }
    }

    public static string NameOf(int i) => $"Student {i + 1:00}";

    /// <summary>The students with features, so in the analysis: those whose track ReccoBeats knows.</summary>
    public static int Analysed => Enumerable.Range(0, ClassSize).Count(i => MusicServiceFakes.ReccoBeatsKnows(SongOf(i).Title, SongOf(i).Artist));

    public static (string Title, string Artist) SongOf(int i) =>
        i == 17 ? (MarkupSong, MarkupArtist) : ($"Song Number {i + 1}", $"Band {(char)('A' + (i % 13))}");

    protected override async Task WaitUntilReadyAsync()
    {
        // Every student read, looked up and in the analysis the pages draw.
        await PageWaits.UntilAsync(
            async () => await Api.GetAsync("/api/clusters") is { IsSuccessStatusCode: true } r ? await r.Content.ReadFromJsonAsync<JsonElement>() : default,
            c => c.ValueKind == JsonValueKind.Object && c.GetProperty("points").GetArrayLength() == Analysed,
            TimeSpan.FromSeconds(120));
        var responses = await Api.GetFromJsonAsync<JsonElement>("/api/responses?limit=100");
        MarkupResponseId = responses.GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("song").GetString() == MarkupSong).GetProperty("id").GetString()!;
    }

    /// <summary>A Google Forms export (the headers of Fixtures/class-survey.csv), student 17 with the markup song.</summary>
    protected override string SurveyCsv()
    {
        var csv = new StringBuilder();
        csv.AppendLine(FormsHeader);
        var start = new DateTime(2026, 11, 20, 9, 0, 0, DateTimeKind.Unspecified);
        for (var i = 0; i < ClassSize; i++)
        {
            var (song, artist) = SongOf(i);
            string[] row =
            [
                start.AddSeconds(i * 37).ToString("M/d/yyyy H:mm:ss", CultureInfo.InvariantCulture),
                NameOf(i),
                (18 + (i % 7)).ToString(CultureInfo.InvariantCulture),
                Majors[i % Majors.Length],
                Years[i % Years.Length],
                $"Town {i % 9}",
                song,
                artist,
                (1 + (i % 5)).ToString(CultureInfo.InvariantCulture),
                Moments[i % Moments.Length],
            ];
            csv.AppendLine(CsvLine(row));
        }

        return csv.ToString();
    }
}

[CollectionDefinition(Name)]
public sealed class CsvClassCollection : ICollectionFixture<CsvClassAppFixture>
{
    public const string Name = "CSV class app";
}
