using SpotifyDashboard.Enrichment.Songs;

namespace SpotifyDashboard.Enrichment.Tests.Songs;

public class SongKeyTests
{
    [Fact]
    public void IgnoresCaseSpacesAccentsAndGuests()
    {
        var plain = SongKey.For("Senorita", "Shawn Mendes");

        Assert.Equal(plain, SongKey.For("  SEÑORITA (feat. Camila Cabello) ", "shawn mendes "));
        Assert.Equal(plain, SongKey.For("Señorita", "Shawn Mendes ft. Camila Cabello"));
    }

    [Fact]
    public void KeepsDifferentSongsApart()
    {
        Assert.NotEqual(SongKey.For("Yellow", "Coldplay"), SongKey.For("Yellow", "Coldplay Tribute Band"));
        Assert.NotEqual(SongKey.For("Yellow", "Coldplay"), SongKey.For("Clocks", "Coldplay"));
    }

    [Fact]
    public void IsAnMd5HexString() => Assert.Matches("^[0-9a-f]{32}$", SongKey.For("Song", "Artist"));

    [Theory]
    [InlineData("Here Comes the Sun - Remastered 2009", "here comes the sun")]
    [InlineData("Here Comes The Sun (Remastered 2019)", "here comes the sun")]
    [InlineData("Despacito (feat. Justin Bieber) [Remix]", "despacito remix")]
    [InlineData("Björk's Song & Dance", "bjork s song and dance")]
    public void TitlesLoseReleaseDecorations(string title, string folded) => Assert.Equal(folded, TextFolding.Title(title));

    [Theory]
    [InlineData("4uLU6hMCjMI75M1A2tKUQC", "4uLU6hMCjMI75M1A2tKUQC")]
    [InlineData("spotify:track:4uLU6hMCjMI75M1A2tKUQC", "4uLU6hMCjMI75M1A2tKUQC")]
    [InlineData("https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC?si=abc123", "4uLU6hMCjMI75M1A2tKUQC")]
    [InlineData("https://open.spotify.com/intl-de/track/4uLU6hMCjMI75M1A2tKUQC", "4uLU6hMCjMI75M1A2tKUQC")]
    public void ReadsTrackIdsFromWhatAdminsPaste(string text, string id)
    {
        Assert.True(SpotifyTrackId.TryParse(text, out var parsed));
        Assert.Equal(id, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("https://open.spotify.com/album/4uLU6hMCjMI75M1A2tKUQC")]
    [InlineData("not an id")]
    public void RejectsWhatIsNoTrackId(string text) => Assert.False(SpotifyTrackId.TryParse(text, out _));
}
