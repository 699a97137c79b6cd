using SpotifyDashboard.Api.Analysis;

namespace SpotifyDashboard.Api.Tests;

/// <summary>
/// A listener without a Spotify account compares typed songs or their own export file (demo mode: the demo catalogue
/// resolves titles as Spotify's search would in a real class).
/// </summary>
public class CompareWithoutSpotifyApiTests(DemoCompareFixture api) : IClassFixture<DemoCompareFixture>
{
    private static readonly DemoCatalog Catalog = new(TestSnapshots.DemoSeed);

    private static async Task<CompareAnswer> OkAsync(HttpResponseMessage response) => await ApiJson.OkAsync<CompareAnswer>(response);

    [Fact]
    public async Task TypedSongsGiveTheSameAnswerAsTheirTrackIds()
    {
        var songs = Catalog.Songs.Skip(4).Take(3).ToList();

        var typed = await OkAsync(await api.Client.PostAsJsonAsync("/api/compare", new
        {
            songs = songs.Select(s => new { song = $"  {s.Title.ToUpperInvariant()} ", artist = s.Artist }),
        }));
        var byId = await OkAsync(await api.Client.PostAsJsonAsync("/api/compare", new { trackIds = songs.Select(s => s.Id) }));

        Assert.Equal(songs.Select(s => s.Id), typed.Tracks.Select(t => t.Id));
        Assert.Equal(byId.Taste, typed.Taste);
        Assert.Equal(byId.Cluster, typed.Cluster);
        Assert.Equal(byId.Point, typed.Point);
        Assert.Equal(byId.Twins.Select(t => t.Id), typed.Twins.Select(t => t.Id));
        Assert.Equal(byId.Prediction, typed.Prediction);
        Assert.Empty(typed.MissingTrackIds);
        Assert.Null(typed.Input);
    }

    [Fact]
    public async Task ATypedSongNothingMatchesIsListedAsTyped()
    {
        var song = Catalog.Songs[9];

        var answer = await OkAsync(await api.Client.PostAsJsonAsync("/api/compare", new
        {
            songs = new object[] { new { song = song.Title, artist = song.Artist }, new { song = "No Such Song", artist = "Nobody" } },
        }));

        Assert.Equal([song.Id], answer.Tracks.Select(t => t.Id));
        Assert.Equal(["No Such Song — Nobody"], answer.MissingTrackIds);
    }

    [Fact]
    public async Task OnlyUnmatchedSongsAreUnprocessable()
    {
        var response = await api.Client.PostAsJsonAsync("/api/compare", new { songs = new[] { new { song = "No Such Song", artist = "Nobody" } } });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity, "No track features");
        Assert.Contains("None of the 1 songs was found", problem.GetProperty("detail").GetString());
    }

    public static TheoryData<string> InvalidSongLists => new()
    {
        $$"""{"songs":[{{string.Join(",", Enumerable.Range(0, 11).Select(i => $$"""{"song":"s{{i}}"}"""))}}]}""",
        """{"songs":[{"song":" ","artist":"x"}]}""",
        $$"""{"songs":[{"song":"{{new string('a', 201)}}"}]}""",
        """{"songs":[{"song":"a"}],"trackIds":["demo:pop-01"]}""",
    };

    [Theory]
    [MemberData(nameof(InvalidSongLists))]
    public async Task AnInvalidSongListIsABadRequest(string body)
    {
        var response = await api.Client.PostAsync("/api/compare", new StringContent(body, Encoding.UTF8, "application/json"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task APlaylistFileIsComparedByItsSongsAndSaysWhatWasRead()
    {
        var songs = Catalog.Songs.Skip(20).Take(4).ToList();
        var csv = "Track URI,Track Name,Artist Name(s)\n" + string.Concat(songs.Select(s => $"\"\",\"{s.Title}\",\"{s.Artist}\"\n"));

        var answer = await OkAsync(await api.Client.PostAsync("/api/compare/file?k=3", new ByteArrayContent(Encoding.UTF8.GetBytes(csv))));

        Assert.Equal(songs.Select(s => s.Id), answer.Tracks.Select(t => t.Id));
        Assert.Equal(3, answer.Twins.Count);
        Assert.Equal("Playlist CSV: 4 entries, compared by the 4 songs played most.", answer.Input);
    }

    [Fact]
    public async Task AStreamingHistoryFileIsComparedByWhatWasPlayedMost()
    {
        var (most, less) = (Catalog.Songs[30], Catalog.Songs[31]);
        var json = JsonSerializer.Serialize(new[]
        {
            new { endTime = "2026-11-01 08:00", artistName = less.Artist, trackName = less.Title, msPlayed = 1000 },
            new { endTime = "2026-11-01 09:00", artistName = most.Artist, trackName = most.Title, msPlayed = 200000 },
        });

        var answer = await OkAsync(await api.Client.PostAsync("/api/compare/file", new StringContent(json, Encoding.UTF8, "application/json")));

        Assert.Equal([most.Id, less.Id], answer.Tracks.Select(t => t.Id));
    }

    [Fact]
    public async Task AnUnreadableFileIsABadRequestWithTheReason()
    {
        var response = await api.Client.PostAsync("/api/compare/file", new ByteArrayContent(Encoding.UTF8.GetBytes("{\"tracks\": [")));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "Unreadable file");
        Assert.Contains("not valid JSON", problem.GetProperty("errors").GetProperty("file")[0].GetString());
    }

    [Fact]
    public async Task AFileOverTheLimitIsRefusedBeforeItIsRead()
    {
        var response = await api.Client.PostAsync("/api/compare/file", new ByteArrayContent(new byte[CompareLimits.MaxFileBytes + 1]));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }
}
