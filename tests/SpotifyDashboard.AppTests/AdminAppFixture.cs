using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace SpotifyDashboard.AppTests;

/// <summary>
/// The whole app with an admin key, reading a Forms CSV whose class brings the teacher work: one row without a song
/// (quarantined) that also carries a student id and an e-mail address the app never asked for, and one song the fake
/// Spotify search never finds (unmatched) but that Spotify knows by id. Ready once every other student is analysed.
/// </summary>
public sealed class AdminAppFixture() : FakeMusicAppFixture("admin")
{
    public const string AdminKey = "apptests-teacher-key-Vq7rX2mZ";
    public const int ClassSize = 30;

    /// <summary>Row 8 of the sheet (the header is row 1): the seventh student left the song empty.</summary>
    public const int QuarantinedIndex = 6;
    public const int QuarantinedRow = QuarantinedIndex + 2;
    public const string QuarantinedStudentId = "SID-QX-4471";
    public const string QuarantinedEmail = "quarantined.kid@school.example";
    public const string QuarantinedName = "Quincy Quarantine";

    public const int UnmatchedIndex = 11;
    public const string UnmatchedSong = MusicServiceFakes.UnlistedPrefix + " Lullaby Of The Basement";
    public const string UnmatchedArtist = "The Nobodies";

    /// <summary>The track the teacher maps the unmatched song to; the fake Spotify knows it by id only.</summary>
    public const string MappedTrackId = "0mApPeDbYhAnD0TeAcHeR1";

    private static readonly string[] Majors = ["Biology", "Computer Science", "Music", "Physics", "History"];
    private static readonly string[] Years = ["Freshman", "Sophomore", "Junior", "Senior"];
    private static readonly string[] Moments = ["Morning", "Afternoon", "Evening", "Late night"];

    public const string Headers = "Timestamp,Email address,Your name,Student ID,How old are you?,What is your major?,What year are you in?,Where are you from (hometown)?,What's your favourite song?,Who is the artist?,How many hours a day do you listen to music?,When do you usually listen to music?";

    /// <summary>The CSV the app started from, exactly as written to disk.</summary>
    public string ClassCsv { get; } = ClassCsvText();

    protected override string SurveyCsv() => ClassCsv;

    protected override IEnumerable<string> MoreSettings => ["Parameters:spotify-client-id=fake-client-id", $"Parameters:admin-key={AdminKey}"];

    protected override void PrepareFakes() => Fakes.AddTrack(MappedTrackId, "Lullaby Of The Basement", UnmatchedArtist);

    protected override async Task WaitUntilReadyAsync()
    {
        // Every accepted student read and looked up (all but one found), and an analysis the pages can draw.
        await PageWaits.UntilAsync(
            ResponsesAsync,
            r => r.GetProperty("total").GetInt64() == ClassSize - 1
                && r.GetProperty("items").EnumerateArray().All(i => i.GetProperty("enrichment").GetString() != "pending"),
            TimeSpan.FromSeconds(120));
        await PageWaits.UntilAsync(() => Api.GetAsync("/api/clusters"), r => r.IsSuccessStatusCode, TimeSpan.FromSeconds(90));
    }

    /// <summary>The active source's responses as <c>GET /api/responses</c> gives them (the whole class fits one page).</summary>
    public async Task<JsonElement> ResponsesAsync() => await Api.GetFromJsonAsync<JsonElement>("/api/responses?limit=500");

    /// <summary>Rows <paramref name="from"/> to <paramref name="to"/> (exclusive) of a class in the fixture's form.</summary>
    public static IEnumerable<string> Rows(int from, int to)
    {
        var start = new DateTime(2026, 11, 20, 9, 0, 0, DateTimeKind.Unspecified);
        for (var i = from; i < to; i++)
        {
            var (song, artist) = i switch
            {
                QuarantinedIndex => ("", "Band Q"),
                UnmatchedIndex => (UnmatchedSong, UnmatchedArtist),
                _ => ($"Song Number {i + 1}", $"Band {(char)('A' + (i % 13))}"),
            };
            string[] row =
            [
                start.AddSeconds(i * 37).ToString("M/d/yyyy H:mm:ss", CultureInfo.InvariantCulture),
                i == QuarantinedIndex ? QuarantinedEmail : $"student{i + 1:00}@school.example",
                i == QuarantinedIndex ? QuarantinedName : $"Student {i + 1:00}",
                i == QuarantinedIndex ? QuarantinedStudentId : $"SID-{1000 + i}",
                (18 + (i % 7)).ToString(CultureInfo.InvariantCulture),
                Majors[i % Majors.Length],
                Years[i % Years.Length],
                $"Town {i % 9}",
                song,
                artist,
                (1 + (i % 5)).ToString(CultureInfo.InvariantCulture),
                Moments[i % Moments.Length],
            ];
            yield return CsvLine(row);
        }
    }

    private static string ClassCsvText() => string.Join("\r\n", [Headers, .. Rows(0, ClassSize)]) + "\r\n";
}

[CollectionDefinition(Name)]
public sealed class AdminCollection : ICollectionFixture<AdminAppFixture>
{
    public const string Name = "Admin app";
}
