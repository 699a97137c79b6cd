using SpotifyDashboard.Api.Analysis;

namespace SpotifyDashboard.Api.Tests;

/// <summary>The files a listener may bring instead of signing in with Spotify, in the shapes Spotify and Exportify write them.</summary>
public class ListenerExportTests
{
    private static Task<ListenerExport> ReadAsync(string text) =>
        ListenerExport.ReadAsync(Encoding.UTF8.GetBytes(text), CancellationToken.None);

    [Fact]
    public async Task AnExportifyPlaylistIsReadByItsTrackUrisInFileOrder()
    {
        var export = await ReadAsync(
            "\uFEFF\"Track URI\",\"Track Name\",\"Album Name\",\"Artist Name(s)\",\"Release Date\"\r\n" +
            "\"spotify:track:4uLU6hMCjMI75M1A2tKUQC\",\"Never, Gonna\",\"Whenever\",\"Rick Astley\",\"1987\"\r\n" +
            "\"spotify:track:7GhIk7Il098yCjg4BQjzvb\",\"Take On Me\",\"Hunting\",\"a-ha\",\"1985\"\r\n" +
            "\"spotify:track:4uLU6hMCjMI75M1A2tKUQC\",\"Never, Gonna\",\"Whenever\",\"Rick Astley\",\"1987\"\r\n");

        Assert.Equal(["4uLU6hMCjMI75M1A2tKUQC", "7GhIk7Il098yCjg4BQjzvb"], export.TrackIds);
        Assert.Empty(export.Songs);
        Assert.Equal(3, export.Entries);
        Assert.StartsWith("Playlist CSV", export.Summary);
    }

    [Fact]
    public async Task APlaylistWithoutIdsGivesItsFirstTenSongsByTitleAndArtist()
    {
        var rows = string.Concat(Enumerable.Range(1, 12).Select(i => $"Song {i},Artist {i}\n"));

        var export = await ReadAsync("Track Name,Artist Name(s)\n" + rows);

        Assert.Empty(export.TrackIds);
        Assert.Equal(10, export.Songs.Count);
        Assert.Equal(new CompareSong("Song 1", "Artist 1"), export.Songs[0]);
    }

    [Fact]
    public async Task StreamingHistoryGivesTheTenSongsPlayedLongest()
    {
        var plays = Enumerable.Range(1, 15).SelectMany(i => Enumerable.Range(0, i).Select(_ =>
            $$"""{"endTime":"2026-01-0{{i % 9 + 1}} 10:00","artistName":"Artist {{i}}","trackName":"Song {{i}}","msPlayed":1000}"""));

        var export = await ReadAsync("[" + string.Join(",", plays) + "]");

        Assert.Empty(export.TrackIds);
        Assert.Equal(10, export.Songs.Count);
        Assert.Equal(new CompareSong("Song 15", "Artist 15"), export.Songs[0]);
        Assert.Equal(new CompareSong("Song 6", "Artist 6"), export.Songs[^1]);
        Assert.Equal(120, export.Entries);
    }

    [Fact]
    public async Task ExtendedHistoryIsReadByTrackUriMostPlayedFirstAndSkipsPodcasts()
    {
        var export = await ReadAsync("""
            [
              {"ts":"2026-01-01T10:00:00Z","ms_played":1000,"master_metadata_track_name":"A","master_metadata_album_artist_name":"X","spotify_track_uri":"spotify:track:4uLU6hMCjMI75M1A2tKUQC"},
              {"ts":"2026-01-01T11:00:00Z","ms_played":9000,"master_metadata_track_name":"B","master_metadata_album_artist_name":"Y","spotify_track_uri":"spotify:track:7GhIk7Il098yCjg4BQjzvb"},
              {"ts":"2026-01-01T12:00:00Z","ms_played":50000,"master_metadata_track_name":null,"spotify_track_uri":null,"episode_name":"A podcast","spotify_episode_uri":"spotify:episode:1"}
            ]
            """);

        Assert.Equal(["7GhIk7Il098yCjg4BQjzvb", "4uLU6hMCjMI75M1A2tKUQC"], export.TrackIds);
    }

    [Fact]
    public async Task YourLibraryIsReadByItsTrackUris()
    {
        var export = await ReadAsync("""
            {"tracks":[{"artist":"a-ha","album":"Hunting","track":"Take On Me","uri":"spotify:track:7GhIk7Il098yCjg4BQjzvb"}],
             "albums":[],"shows":[],"episodes":[],"bannedTracks":[],"artists":[],"bannedArtists":[],"other":[]}
            """);

        Assert.Equal(["7GhIk7Il098yCjg4BQjzvb"], export.TrackIds);
        Assert.StartsWith("Your library", export.Summary);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   \n", "empty")]
    [InlineData("{\"tracks\": [", "not valid JSON")]
    [InlineData("[{\"podcastName\":\"x\",\"msPlayed\":1}]", "not one the page knows")]
    [InlineData("{\"tracks\":[]}", "holds no tracks")]
    [InlineData("Timestamp,What is your favourite song?\n2026-01-01,Hello\n", "no \"Track URI\" or \"Track Name\" column")]
    [InlineData("Track URI,Track Name\nnot-an-id,\n", "names no track")]
    public async Task AFileItCannotUseGetsAReasonInTheListenersWords(string text, string reason)
    {
        var error = await Assert.ThrowsAsync<ListenerExportException>(() => ReadAsync(text));

        Assert.Contains(reason, error.Message);
    }
}
