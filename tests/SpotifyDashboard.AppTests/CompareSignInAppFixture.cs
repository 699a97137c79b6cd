using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace SpotifyDashboard.AppTests;

/// <summary>
/// The whole app with a class of 30 read from a CSV and enriched through the fakes, and the listener sign-in on:
/// the web's client id is set and its redirect URI is its own (randomly ported) callback, which the fake Spotify's
/// authorize page sends the browser back to. The listener's top tracks are three of the class's songs.
/// </summary>
public sealed class CompareSignInAppFixture() : FakeMusicAppFixture("compare")
{
    public const int ClassSize = 30;

    private static readonly string[] Majors = ["Biology", "Computer Science", "Music", "Physics", "History"];

    public static string NameOf(int i) => $"Student {i + 1:00}";

    /// <summary>The students with features, so in the analysis: those whose track ReccoBeats knows.</summary>
    public static int Analysed => Enumerable.Range(0, ClassSize).Count(i => MusicServiceFakes.ReccoBeatsKnows(SongOf(i).Title, SongOf(i).Artist));

    public static (string Title, string Artist) SongOf(int i) => ($"Song Number {i + 1}", $"Band {(char)('A' + (i % 11))}");

    protected override IEnumerable<string> MoreSettings => ["Parameters:spotify-client-id=test-client"];

    /// <summary>Spotify sends the browser back to the redirect URI, which must be the web's own callback on its real port.</summary>
    protected override void Configure(IDistributedApplicationTestingBuilder builder)
    {
        var web = builder.CreateResourceBuilder<ProjectResource>("web");
        web.WithEnvironment("Spotify__RedirectUri", ReferenceExpression.Create($"{web.GetEndpoint("http")}/auth/spotify/callback"));
    }

    /// <summary>The listener's top tracks: three of the class's songs.</summary>
    protected override void PrepareFakes()
    {
        foreach (var i in new[] { 2, 9, 21 })
        {
            var (title, artist) = SongOf(i);
            Fakes.AddTopTrack(title, artist);
        }
    }

    protected override async Task WaitUntilReadyAsync()
    {
        await PageWaits.UntilAsync(
            async () => await Api.GetAsync("/api/clusters") is { IsSuccessStatusCode: true } r ? await r.Content.ReadFromJsonAsync<JsonElement>() : default,
            c => c.ValueKind == JsonValueKind.Object && c.GetProperty("points").GetArrayLength() == Analysed,
            TimeSpan.FromSeconds(120));
    }

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
